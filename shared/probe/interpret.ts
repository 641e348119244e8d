// What mscep.dll's answers mean, for the SCEP endpoint probe: the bare URL (403 = Intune policy
// module loaded, SEED-D2N "test the SCEP server URL"), GetCACaps (RFC 8894 §3.5.2, AF §8), the long
// PKIOperation URL (HTTP.sys / IIS request-filtering limits, CHECKS.md §4.1) and the CertRep.
import { decodeIisStatus } from '../decode/iis-status';
import { hasCapability, parseGetCaCaps } from '../parse/scep-wire';
import { fill } from '../engine/computed/text';
import type { CapsAssessment, ContentCipher } from './types';
import { bodyText, header, iisPageStatus } from './http-answer';
import type { HttpAnswer, Interpretation } from './http-answer';

export { assessEnrollment, decodeFailInfo, decodePkiStatus } from './interpret-enroll';
export { assessCaCerts, assessPin, assessTls } from './interpret-certs';
export { assessLongUrl, decodeLongUrl } from './interpret-long-url';
export { bodyText, header, iisPageStatus } from './http-answer';
export type { HttpAnswer, Interpretation } from './http-answer';

const strings = {
  forbidden:
    'HTTP 403 Forbidden: mscep.dll answers with the Intune policy module loaded, the expected answer to a bare request.',
  forbiddenOther:
    'HTTP 403.{sub} came from IIS itself, not from mscep.dll: the URL does not reach the SCEP application.',
  ndesPage:
    'HTTP 200 with the generic "Network Device Enrollment Service" page: the Intune policy module is not loaded. Read SetupMsi.log and reinstall the Certificate Connector; if it installed, run iisreset.',
  other200:
    'HTTP 200 without the NDES page: something other than mscep.dll answered (a proxy or a custom page).',
  gatewayTimeout:
    'GatewayTimeout: the gateway in front of NDES got no answer in time; on an App Proxy URL the Microsoft Entra private network connector (WAPCSvc) is not running or cannot reach NDES.',
  redirect:
    'HTTP {status} redirect to {location} (not followed): devices use the profile URL as it is, so it must point at mscep.dll directly.',
  unexpected: 'HTTP {status} is not an answer NDES gives on its bare URL.',
  notNdes:
    'HTTP {status}: this endpoint is not NDES, so the 403 expected from mscep.dll does not apply.',
  refused:
    'Connection refused: nothing listens on this port (IIS site stopped or the binding is missing).',
  notFound:
    "The host name does not resolve. On an App Proxy URL this is the browser's \"This page can't be displayed\": the external URL is wrong (use the tenant's msappproxy.net domain).",
  reset:
    'The connection was reset: on https, HTTP.sys has no certificate bound to this IP and port, or a firewall cut the connection.',
  timeout:
    'No answer in time: a firewall drops the traffic, the SCEP application pool hangs, or a proxy does not forward.',
  transport: 'No HTTP answer: {error}.',
  capsHttp:
    'GetCACaps answered HTTP {status}, so devices cannot learn the capabilities (iOS then fails).',
  capsEmpty: 'GetCACaps answered without any capability keyword.',
  capsMissing: 'Not advertised: {list}.',
  capsWeak: 'Weak algorithms advertised: {list} (devices that pick them get weaker protection).',
  capsOk: 'Capabilities: {list}.',
  capsNoPost:
    'Without POSTPKIOperation devices send PKIOperation as a GET with the request in the URL, so the long-URL limits decide.',
  capsNoType:
    'No Content-Type header: old NDES answers so, and strict clients (jscep) reject it (jscep #49).',
} as const;

/** True when the body is NDES's generic page, served while no policy module is loaded. */
export function isNdesPage(text: string): boolean {
  return /Network Device Enrollment Service/i.test(text);
}

/** App Proxy external URLs (msappproxy.net), where GatewayTimeout and DNS errors have named causes. */
export function isAppProxyUrl(url: string): boolean {
  try {
    return /\.msappproxy\.net$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Meaning of a request that got no HTTP answer. */
export function transportMeaning(a: HttpAnswer): string {
  const code = a.errorCode ?? '';
  if (code === 'ECONNREFUSED') return strings.refused;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return strings.notFound;
  if (code === 'ECONNRESET' || code === 'EPIPE') return strings.reset;
  if (code === 'ETIMEDOUT' || /timeout/i.test(a.error ?? '')) return strings.timeout;
  return fill(strings.transport, { error: a.error ?? 'unknown error' });
}

function iisMeaning(status: number, text: string): Interpretation | null {
  const page = iisPageStatus(text);
  const d = decodeIisStatus(status, page.substatus ?? 0, page.win32 ?? 0, 'mscep');
  if (!d) return null;
  return {
    verdict: 'fail',
    meaning: `HTTP ${status}: ${d.meaning}`,
    notes: [],
    checkId: d.checkId,
  };
}

/** The bare SCEP URL's answer (mscep-endpoint-403). `ndes`: the endpoint is meant to be NDES. */
export function interpretBase(a: HttpAnswer, url: string, ndes: boolean): Interpretation {
  const checkId = 'mscep-endpoint-403';
  const text = bodyText(a.body);
  const gateway =
    a.status === 504 || /gateway\s*time-?out/i.test(`${a.error ?? ''} ${text.slice(0, 2048)}`);
  if (gateway && (a.status === null || a.status >= 500)) {
    const proxy = isAppProxyUrl(url);
    return {
      verdict: 'fail',
      meaning: strings.gatewayTimeout,
      notes: [],
      checkId: proxy ? 'app-proxy-connector-running' : checkId,
    };
  }
  if (a.status === null)
    return { verdict: 'fail', meaning: transportMeaning(a), notes: [], checkId };
  if (!ndes && a.status !== 403) {
    return { verdict: 'info', meaning: fill(strings.notNdes, { status: a.status }), notes: [] };
  }
  if (a.status === 403) {
    const sub = iisPageStatus(text).substatus;
    if (sub !== null && sub !== 0)
      return {
        verdict: 'warn',
        meaning: fill(strings.forbiddenOther, { sub }),
        notes: [],
        checkId,
      };
    return { verdict: 'ok', meaning: strings.forbidden, notes: [], checkId };
  }
  if (a.status === 200) {
    const meaning = isNdesPage(text) ? strings.ndesPage : strings.other200;
    return { verdict: 'fail', meaning, notes: [], checkId: 'connector-installed' };
  }
  if (a.status >= 300 && a.status < 400) {
    const location = header(a.headers, 'location') ?? '-';
    return {
      verdict: 'fail',
      meaning: fill(strings.redirect, { status: a.status, location }),
      notes: [],
      checkId,
    };
  }
  return (
    iisMeaning(a.status, text) ?? {
      verdict: 'fail',
      meaning: fill(strings.unexpected, { status: a.status }),
      notes: [],
      checkId,
    }
  );
}

/** Hash, cipher and method a careful client picks from the capabilities (RFC 8894 §3.5.2). */
export function chooseAlgorithms(caps: readonly string[]): CapsAssessment['chosen'] {
  const standard = hasCapability(caps, 'SCEPStandard');
  const hash =
    standard || hasCapability(caps, 'SHA-256')
      ? 'SHA-256'
      : hasCapability(caps, 'SHA-512')
        ? 'SHA-512'
        : 'SHA-1';
  // RFC 8894 §3.5.2: the "AES" keyword means AES-128-CBC.
  const cipher: ContentCipher =
    standard || hasCapability(caps, 'AES') ? 'aes-128-cbc' : 'des-ede3-cbc';
  const method = standard || hasCapability(caps, 'POSTPKIOperation') ? 'POST' : 'GET';
  return { method, hash, cipher };
}

/** GetCACaps: what is missing (AES, SHA-256+, POSTPKIOperation) and what is weak (DES3, SHA-1). */
export function assessCaps(a: HttpAnswer): Interpretation & { caps: CapsAssessment | null } {
  if (a.status === null)
    return { verdict: 'fail', meaning: transportMeaning(a), notes: [], caps: null };
  if (a.status !== 200) {
    const iis = iisMeaning(a.status, bodyText(a.body));
    return {
      verdict: 'fail',
      meaning: fill(strings.capsHttp, { status: a.status }),
      notes: iis ? [iis.meaning] : [],
      caps: null,
      ...(iis?.checkId ? { checkId: iis.checkId } : {}),
    };
  }
  const capabilities = parseGetCaCaps(bodyText(a.body));
  const has = (k: string) => hasCapability(capabilities, k);
  const standard = has('SCEPStandard');
  const missing: string[] = [];
  if (!standard && !has('AES')) missing.push('AES');
  if (!standard && !has('SHA-256') && !has('SHA-512')) missing.push('SHA-256 or better');
  if (!standard && !has('POSTPKIOperation')) missing.push('POSTPKIOperation');
  const weak = ['DES3', 'SHA-1'].filter(has);
  const caps: CapsAssessment = {
    capabilities,
    missing,
    weak,
    chosen: chooseAlgorithms(capabilities),
  };
  if (capabilities.length === 0)
    return { verdict: 'fail', meaning: strings.capsEmpty, notes: [], caps };
  const notes: string[] = [];
  if (missing.length) notes.push(fill(strings.capsMissing, { list: missing.join(', ') }));
  if (weak.length) notes.push(fill(strings.capsWeak, { list: weak.join(', ') }));
  if (missing.includes('POSTPKIOperation')) notes.push(strings.capsNoPost);
  if (header(a.headers, 'content-type') === null) notes.push(strings.capsNoType);
  return {
    verdict: missing.length || weak.length ? 'warn' : 'ok',
    meaning: fill(strings.capsOk, { list: capabilities.join(', ') }),
    notes,
    caps,
  };
}
