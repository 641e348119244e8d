// Host facts shared by many rules: FQDN, the SCEP site/app/pool and the service account
// (CHECKS.md §3.0 "Shared definitions").
import type { Snapshot } from '../../model';
import { isOk } from '../../model';
import { psProp, psString } from '../../parse/ps-json';
import { findAppSite } from '../../parse/application-host';
import type { ScepSite } from '../../parse/application-host';

/** FQDN = manifest host.dnsHostName, else computer.json DNSHostName (+ Domain when it has no dot). */
export function fqdn(
  s: Pick<Snapshot, 'manifest'> & Partial<Pick<Snapshot, 'computer'>>,
): string | null {
  const fromManifest = s.manifest.host.dnsHostName;
  if (fromManifest) return fromManifest;
  if (s.computer && isOk(s.computer)) {
    const dns = psString(psProp(s.computer.value, 'DNSHostName'));
    const domain = psString(psProp(s.computer.value, 'Domain'));
    if (dns) return dns.includes('.') || !domain ? dns : `${dns}.${domain}`;
  }
  return null;
}

/** True when `name` is the FQDN or its first label (case-insensitive). */
export function isThisHost(name: string, hostFqdn: string | null, computerName: string): boolean {
  const n = name.trim().toLowerCase();
  const candidates = [computerName.toLowerCase()];
  if (hostFqdn) candidates.push(hostFqdn.toLowerCase(), hostFqdn.toLowerCase().split('.')[0] ?? '');
  return n.length > 0 && candidates.includes(n);
}

/** The SCEP site, app and pool from applicationHost.config, or null. */
export function scepSite(s: Pick<Snapshot, 'iisConfig'>): ScepSite | null {
  return isOk(s.iisConfig) ? findAppSite(s.iisConfig.value, '/CertSrv/mscep') : null;
}

/** The service account of the SCEP pool (SpecificUser only). */
export interface ServiceAccount {
  /** `DOMAIN\sam` as in processModel@userName. */
  userName: string;
  /** objectSid from service-account.json, when known. */
  sid: string | null;
  /** The pool name (for `IIS APPPOOL\<pool>`). */
  pool: string;
}

/** Service account per CHECKS.md §3.0, or null when the pool has no SpecificUser identity. */
export function serviceAccount(
  s: Pick<Snapshot, 'iisConfig'> & Partial<Pick<Snapshot, 'serviceAccount'>>,
): ServiceAccount | null {
  const site = scepSite(s);
  const pool = site?.pool;
  if (!pool || (pool.identityType ?? '').toLowerCase() !== 'specificuser' || !pool.userName) {
    return null;
  }
  let sid: string | null = null;
  if (s.serviceAccount && isOk(s.serviceAccount)) {
    sid = sidString(psProp(s.serviceAccount.value, 'objectSid'));
  }
  return { userName: pool.userName, sid, pool: pool.name };
}

/** objectSid as `S-1-…`: accepts the string form, or the binary form as a byte array. */
export function sidString(v: unknown): string | null {
  if (typeof v === 'string') return /^S-1-/i.test(v.trim()) ? v.trim().toUpperCase() : null;
  // [adsisearcher] properties arrive as one-item collections.
  if (Array.isArray(v) && v.length === 1 && typeof v[0] !== 'number') return sidString(v[0]);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const inner =
      (v as Record<string, unknown>)['Value'] ?? (v as Record<string, unknown>)['value'];
    return sidString(inner);
  }
  if (!Array.isArray(v) || v.length < 8 || !v.every((b) => typeof b === 'number')) return null;
  const bytes = v as number[];
  const count = bytes[1] ?? 0;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (bytes[i] ?? 0);
  const parts = [`S-${bytes[0]}-${authority}`];
  for (let i = 0; i < count; i++) {
    const o = 8 + i * 4;
    const sub =
      ((bytes[o + 3] ?? 0) << 24) |
      ((bytes[o + 2] ?? 0) << 16) |
      ((bytes[o + 1] ?? 0) << 8) |
      (bytes[o] ?? 0);
    parts.push(String(sub >>> 0));
  }
  return parts.join('-');
}

/** Case-insensitive comparison of account names, ignoring a leading `.\`. */
export function sameAccount(a: string, b: string): boolean {
  const norm = (x: string) => x.trim().replace(/^\.\\/, '').toLowerCase();
  return norm(a) === norm(b);
}
