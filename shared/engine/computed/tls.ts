// The TLS endpoint of the SCEP site: IIS https bindings on 443 joined with the HTTP.sys certificate
// bindings (`netsh http show sslcert`), which decide the certificate really served. HTTP.sys tries
// the SNI entry <host>:443, then <ip>:443, then the wildcards 0.0.0.0:443 / [::]:443.
import type { ConfigEvidence, Ev, ProbeExchange, TableEvidence } from '../../model';
import { isOk } from '../../model';
import { isThisHost } from './host';
import type { ScepSite } from '../../parse/application-host';
import type { SslCertBinding } from '../../parse/netsh-sslcert';
import type { CertSummary } from '../../parse/certificates';
import { dnsNameMatches, OID } from '../../parse/certificates';

/** `bindingInformation` split: IP (`*` = all), port, host header ('' = none). */
export interface BindingInfo {
  ip: string;
  port: number;
  host: string;
}

/** Parses `IP:port:host` (IPv6 in brackets); null when it does not have that shape. */
export function parseBindingInformation(info: string): BindingInfo | null {
  const m = /^(\[[^\]]*\]|[^:]*):(\d{1,5}):(.*)$/.exec(info.trim());
  if (!m) return null;
  const ip = (m[1] ?? '').replace(/^\[|\]$/g, '');
  return { ip: ip === '' ? '*' : ip, port: Number(m[2]), host: (m[3] ?? '').trim() };
}

/** One IIS https binding on 443 of the SCEP site, with the HTTP.sys entry that serves it. */
export interface TlsEndpoint {
  binding: ScepSite['site']['bindings'][number];
  info: BindingInfo;
  /** The HTTP.sys entry HTTP.sys would use, or undefined when there is none. */
  ssl: SslCertBinding | undefined;
}

const WILDCARD_IPS = ['0.0.0.0', '::'];

/** True for an all-addresses binding (`*`, 0.0.0.0, ::). */
export function isWildcardIp(ip: string): boolean {
  return ip === '*' || WILDCARD_IPS.includes(ip);
}

/** HTTP.sys endpoints to try for a binding, most specific first, as `host:port` keys. */
export function endpointCandidates(info: Pick<BindingInfo, 'ip' | 'host'>, port = 443): string[] {
  const keys: string[] = [];
  if (info.host !== '') keys.push(`${info.host.toLowerCase()}:${port}`);
  if (!isWildcardIp(info.ip)) keys.push(`${info.ip.toLowerCase()}:${port}`);
  for (const ip of WILDCARD_IPS) keys.push(`${ip}:${port}`);
  return keys;
}

function sslKey(b: SslCertBinding): string | null {
  if ((b.kind !== 'ipport' && b.kind !== 'hostnameport') || b.port === null) return null;
  return `${b.host.toLowerCase()}:${b.port}`;
}

/** The HTTP.sys entry for a binding (first candidate that netsh lists), or undefined. */
export function sslCertFor(
  ssl: readonly SslCertBinding[],
  info: Pick<BindingInfo, 'ip' | 'host'>,
  port = 443,
): SslCertBinding | undefined {
  for (const key of endpointCandidates(info, port)) {
    const hit = ssl.find((b) => sslKey(b) === key);
    if (hit) return hit;
  }
  return undefined;
}

/** The SCEP site's https bindings on port 443, each joined with its HTTP.sys entry. */
export function tlsEndpoints(site: ScepSite, ssl: readonly SslCertBinding[]): TlsEndpoint[] {
  const out: TlsEndpoint[] = [];
  for (const binding of site.site.bindings) {
    if (binding.protocol.toLowerCase() !== 'https') continue;
    const info = parseBindingInformation(binding.bindingInformation);
    if (!info || info.port !== 443) continue;
    out.push({ binding, info, ssl: sslCertFor(ssl, info) });
  }
  return out;
}

/** Config pointer to one IIS binding. */
export function bindingEvidence(
  file: string,
  site: ScepSite,
  b: TlsEndpoint['binding'],
): ConfigEvidence {
  return {
    kind: 'config',
    file,
    line: b.line,
    location: `<site name="${site.site.name}">`,
    setting: `bindings/binding[@protocol='${b.protocol}']@bindingInformation`,
    value: b.bindingInformation,
  };
}

/** HTTP.sys entries as a table (endpoint, hash, app id, line). */
export function sslTable(caption: string, entries: readonly SslCertBinding[]): TableEvidence {
  return {
    kind: 'table',
    caption,
    headers: ['Endpoint', 'Certificate hash', 'Application ID', 'Line'],
    rows: entries.map((e) => [e.endpoint, e.certificateHash ?? '', e.appId ?? '', String(e.line)]),
  };
}

/** True when a SAN dNSName or the subject CN matches `host` (one-label wildcards, CHECKS.md). */
export function certNameMatches(
  cert: Pick<CertSummary, 'sanDns' | 'subjectCN'>,
  host: string,
): boolean {
  const names = [...cert.sanDns, ...(cert.subjectCN ? [cert.subjectCN] : [])];
  return names.some((n) => dnsNameMatches(n, host));
}

/** True when the EKU extension is absent (any purpose) or lists Server Authentication. */
export function allowsServerAuth(cert: Pick<CertSummary, 'eku'>): boolean {
  return cert.eku === null || cert.eku.includes(OID.serverAuth);
}

/** Problems of a TLS server certificate, worst first (CHECKS.md tls-certificate-valid). */
export type TlsCertProblem = 'expired' | 'no-server-auth' | 'name-mismatch' | 'expiring' | null;

const WARN_DAYS_MS = 30 * 86_400_000;

/** The worst problem of `cert` for `host` at `nowMs`, or null when it is fine. */
export function tlsCertProblem(
  cert: Pick<CertSummary, 'notAfter' | 'eku' | 'sanDns' | 'subjectCN'>,
  host: string,
  nowMs: number,
): TlsCertProblem {
  const notAfter = Date.parse(cert.notAfter);
  if (!(notAfter >= nowMs)) return 'expired';
  if (!allowsServerAuth(cert)) return 'no-server-auth';
  if (!certNameMatches(cert, host)) return 'name-mismatch';
  if (notAfter - nowMs < WARN_DAYS_MS) return 'expiring';
  return null;
}

/**
 * Hosts of the probe's URLs that are not this server: external names published by a reverse
 * proxy (IP literals and localhost are left out; they are not names a certificate is checked for).
 */
export function externalHosts(
  probe: Ev<ProbeExchange[]>,
  host: string,
  computerName: string,
): string[] {
  if (!isOk(probe)) return [];
  const out = new Set<string>();
  for (const ex of probe.value) {
    let name: string;
    try {
      name = new URL(ex.url).hostname.toLowerCase();
    } catch {
      continue;
    }
    if (!name.includes('.') || /^[\d.]+$/.test(name) || name.startsWith('[')) continue;
    if (!isThisHost(name, host, computerName)) out.add(name);
  }
  return [...out];
}
