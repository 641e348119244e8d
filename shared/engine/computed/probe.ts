// The collector's own SCEP probe (`probe/mscep.json`, BUNDLE-FORMAT.md probe/): the exchanges by
// name, their bodies, whether a URL is this host or an external (App Proxy / reverse proxy) name,
// and the RA certificates a GetCACert answer served (RFC 8894 §4.2.1.1, AF §8).
import type {
  CertificateEvidence,
  CertStores,
  CheckStatus,
  KeyValueEvidence,
  Manifest,
  ProbeExchange,
  StoreCert,
} from '../../model';
import type { CertSummary } from '../../parse/certificates';
import { OID } from '../../parse/certificates';
import { isThisHost } from './host';
import { raCertificates, raKind } from './ra-certs';
import type { RaKind } from './ra-certs';

/** Exchanges of one probe step (`base`, `getcacaps`, `getcacert`, `long-url`, `pkioperation`). */
export function probeEntries(probe: readonly ProbeExchange[], name: string): ProbeExchange[] {
  return probe.filter((x) => x.name.toLowerCase() === name.toLowerCase());
}

/** The captured body (first 64 KiB) as text; null when there is none or it is not base64. */
export function probeBody(x: ProbeExchange): string | null {
  if (!x.bodyBase64) return null;
  try {
    const bin = atob(x.bodyBase64.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return null;
  }
}

/**
 * True when the body is NDES's generic "Network Device Enrollment Service" page, which mscep.dll
 * serves on a bare GET while no policy module is loaded (SEED-D2N; memdocs #3165).
 */
export function isNdesPage(x: ProbeExchange): boolean {
  return /Network Device Enrollment Service/i.test(probeBody(x) ?? '');
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True when the URL names another host than this server (an App Proxy or reverse-proxy URL). */
export function isExternalUrl(url: string, manifest: Manifest): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (LOOPBACK.has(host) || host.startsWith('127.')) return false;
  return !isThisHost(host, manifest.host.dnsHostName ?? null, manifest.host.computerName);
}

const URL_SHOWN = 160;

/** A URL short enough for a sentence: the long-URL probe's query is cut after 160 characters. */
export function shortUrl(url: string): string {
  return url.length > URL_SHOWN ? `${url.slice(0, URL_SHOWN)}…` : url;
}

/** One exchange as name/value facts (long URLs shortened). */
export function exchangeEvidence(caption: string, x: ProbeExchange): KeyValueEvidence {
  const items = [
    { key: 'URL', value: shortUrl(x.url) },
    { key: 'Method', value: x.method },
    { key: 'Status', value: x.status === null ? '-' : String(x.status) },
  ];
  if (x.error) items.push({ key: 'Error', value: x.error });
  const type = x.headers['content-type'];
  if (type) items.push({ key: 'Content-Type', value: type });
  if (x.elapsedMs !== null) items.push({ key: 'Elapsed (ms)', value: String(x.elapsedMs) });
  return { kind: 'keyValue', caption, items };
}

/** Kind of an RA certificate taken from a GetCACert answer (no store, no index row). */
export function servedRaKind(c: CertSummary): RaKind | null {
  const asStore: StoreCert = {
    ...c,
    store: 'p7b',
    file: '',
    index: null,
    template: c.templateName,
  };
  return raKind(asStore);
}

/** Certificates of a GetCACert answer that carry the Certificate Request Agent EKU. */
export function servedRaCerts(certs: readonly CertSummary[]): CertSummary[] {
  return certs.filter((c) => c.eku?.includes(OID.certificateRequestAgent) === true);
}

/** A certificate from a GetCACert answer as evidence (the .p7b is its file). */
export function servedCertEvidence(
  c: CertSummary,
  x: ProbeExchange,
  role: string,
): CertificateEvidence {
  const { thumbprint, subject, issuer, notBefore, notAfter, eku } = c;
  const file = x.p7bFile ?? 'probe/mscep.json';
  const template = c.templateName;
  return {
    kind: 'certificate',
    file,
    thumbprint,
    subject,
    issuer,
    notBefore,
    notAfter,
    eku,
    role,
    template,
  };
}

/** RA certificates of each kind in My (with a private key) that are time-valid at `nowMs`. */
export function currentRaCertificates(
  stores: CertStores,
  nowMs: number,
): Record<RaKind, StoreCert[]> {
  const valid = (c: StoreCert) =>
    Date.parse(c.notBefore) <= nowMs && nowMs <= Date.parse(c.notAfter);
  const all = raCertificates(stores);
  return {
    'cep-encryption': all['cep-encryption'].filter(valid),
    'enrollment-agent': all['enrollment-agent'].filter(valid),
  };
}

const SEVERITY: Partial<Record<CheckStatus, number>> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

/** The worst of several per-URL statuses (fail > warn > unknown > pass). */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>(
    (w, s) => ((SEVERITY[s] ?? 0) > (SEVERITY[w] ?? 0) ? s : w),
    'pass',
  );
}
