// Certificates the SCEP endpoint shows: the GetCACert answer (CA plus the CEP Encryption and
// Enrollment Agent RA certificates NDES holds; Apple clients need all three, jscep #35, AF §8), the
// --ca-fingerprint pin (SHA-256, as scepclient pins), and the TLS chain of an https URL.
import { servedRaKind } from '../engine/computed/probe';
import { OID } from '../parse/certificates';
import type { CertSummary } from '../parse/certificates';
import { fill } from '../engine/computed/text';
import type { Interpretation } from './http-answer';
import type { CaCertAssessment, CaCertRole, ClassifiedCert, TlsPeerInfo, Verdict } from './types';

const strings = {
  http: 'GetCACert answered HTTP {status}; devices cannot encrypt their request without it.',
  transport: 'GetCACert got no HTTP answer: {error}.',
  unreadable: 'The GetCACert body is not a certificate or PKCS#7: {error}.',
  noCa: 'GetCACert holds no CA certificate.',
  caOnlyNdes:
    'NDES sent a single certificate and no RA certificates; devices need the CA plus both RA certificates.',
  caOnly: 'One CA certificate without RA: the CA answers SCEP itself (not NDES).',
  missingRa: 'GetCACert holds no {kind} RA certificate (Apple devices need both kinds).',
  expired: '{role} {name} is not time-valid (valid {from} to {to}).',
  expiring: '{role} {name} expires on {to}, in {days} days.',
  orphan: '{role} {name} is not issued by a certificate of the answer ({issuer}).',
  badSignature: '{role} {name}: the signature of its issuer does not verify.',
  notLocal:
    '{role} {name} ({thumbprint}) is not an RA certificate of LocalMachine\\My: NDES still serves an old one; run iisreset.',
  typeMismatch: 'Content-Type {type} does not match the body ({form}).',
  summary: '{count} certificate(s): {list}.',
  pinOk: 'The CA certificate {name} has the pinned SHA-256 fingerprint.',
  pinRa: 'The pinned fingerprint is that of {name}, which is not the CA certificate.',
  pinNone: 'No CA certificate of GetCACert has the pinned SHA-256 fingerprint {fingerprint}.',
  pinNoCerts: 'GetCACert gave no certificates to compare the pinned fingerprint with.',
  tlsNone: 'The server presented no certificate.',
  tlsOld: '{protocol} is deprecated; current iOS, Android and Windows clients refuse it.',
  tlsHost: 'The certificate does not match the host name: {error}',
  tlsExpired: 'The TLS certificate {subject} is not time-valid (valid {from} to {to}).',
  tlsExpiring: 'The TLS certificate {subject} expires on {to}, in {days} days.',
  tlsUntrusted:
    'This machine does not trust the chain ({error}); devices must trust its root (a trusted certificate profile, or a public CA for external URLs).',
  tlsOk:
    '{protocol}, certificate {subject} issued by {issuer}, valid until {to}; the host name matches.',
} as const;

const ROLE_LABEL: Record<CaCertRole, string> = {
  ca: 'CA certificate',
  'ra-encryption': 'CEP Encryption RA certificate',
  'ra-signature': 'Enrollment Agent RA certificate',
  'ra-other': 'RA certificate',
  other: 'Certificate',
};

const DAY = 86_400_000;
const SOON_DAYS = 30;

/** One certificate of the GetCACert answer with what main/ computed for it. */
export interface ServedCert {
  cert: CertSummary;
  sha256: string;
  /** Verified with the key of its issuer in the set; null when not checked. */
  signatureValid: boolean | null;
}

export interface CaCertInput {
  status: number | null;
  error: string | null;
  contentType: string | null;
  form: CaCertAssessment['form'];
  certs: ServedCert[];
  parseError: string | null;
}

export interface CaCertContext {
  nowMs: number;
  ndes: boolean;
  /** Thumbprints of the RA certificates in LocalMachine\My, when known. */
  localRaThumbprints?: readonly string[] | null;
}

function roleOf(c: CertSummary): CaCertRole {
  if (c.eku?.includes(OID.certificateRequestAgent)) {
    const kind = servedRaKind(c);
    return kind === 'cep-encryption'
      ? 'ra-encryption'
      : kind === 'enrollment-agent'
        ? 'ra-signature'
        : 'ra-other';
  }
  return c.isCA === true || (c.isCA === null && c.selfIssued) ? 'ca' : 'other';
}

const name = (c: CertSummary) => c.subjectCN ?? c.subject;
const normHex = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();

function issuerIn(c: CertSummary, all: readonly CertSummary[]): CertSummary | null {
  const cands = all.filter((o) => o.subject === c.issuer && (o.isCA !== false || o === c));
  return cands.find((o) => !c.aki || !o.ski || c.aki === o.ski) ?? null;
}

/** The certificate a client encrypts PKCSReq to: CEP Encryption RA, else an RA-like one, else the CA. */
function recipientOf(certs: readonly ClassifiedCert[]): number | null {
  const enc = (x: ClassifiedCert) =>
    x.cert.keyUsage === null || x.cert.keyUsage.includes('keyEncipherment');
  const pick = (pred: (x: ClassifiedCert) => boolean) => {
    const i = certs.findIndex(pred);
    return i < 0 ? null : i;
  };
  const issuers = new Set(certs.map((x) => x.issuedBy));
  return (
    pick((x) => x.role === 'ra-encryption') ??
    pick((x) => x.role === 'other' && enc(x)) ??
    pick((x) => x.role === 'ca' && !issuers.has(x.cert.thumbprint)) ??
    pick((x) => x.role === 'ca')
  );
}

function worst(levels: readonly Verdict[]): Verdict {
  return levels.includes('fail') ? 'fail' : levels.includes('warn') ? 'warn' : 'ok';
}

/** GetCACert: CA vs RA by EKU and key usage, validity, chain, and the local RA certificates. */
export function assessCaCerts(
  input: CaCertInput,
  ctx: CaCertContext,
): Interpretation & { assessment: CaCertAssessment | null } {
  const checkId = 'mscep-getcacert-ok';
  if (input.status === null)
    return {
      verdict: 'fail',
      meaning: fill(strings.transport, { error: input.error ?? '-' }),
      notes: [],
      checkId,
      assessment: null,
    };
  if (input.status !== 200)
    return {
      verdict: 'fail',
      meaning: fill(strings.http, { status: input.status }),
      notes: [],
      checkId,
      assessment: null,
    };
  if (input.parseError !== null)
    return {
      verdict: 'fail',
      meaning: fill(strings.unreadable, { error: input.parseError }),
      notes: [],
      checkId,
      assessment: null,
    };
  const local = ctx.localRaThumbprints ? new Set(ctx.localRaThumbprints.map(normHex)) : null;
  const all = input.certs.map((s) => s.cert);
  const certs: ClassifiedCert[] = input.certs.map((s) => {
    const c = s.cert;
    const role = roleOf(c);
    const issuer = issuerIn(c, all);
    const from = Date.parse(c.notBefore);
    const to = Date.parse(c.notAfter);
    return {
      cert: c,
      role,
      sha256: normHex(s.sha256),
      timeValid: from <= ctx.nowMs && ctx.nowMs <= to,
      daysLeft: Math.floor((to - ctx.nowMs) / DAY),
      issuedBy: issuer?.thumbprint ?? null,
      signatureValid: s.signatureValid,
      inLocalStore: local && role.startsWith('ra') ? local.has(c.thumbprint) : null,
    };
  });
  const problems: { level: Verdict; text: string }[] = [];
  const add = (level: Verdict, t: string, v: Record<string, string | number> = {}) =>
    problems.push({ level, text: fill(t, v) });
  if (!certs.some((x) => x.role === 'ca')) add('fail', strings.noCa);
  const hasRa = certs.some((x) => x.role.startsWith('ra'));
  if (ctx.ndes && !hasRa) add('fail', strings.caOnlyNdes);
  if (ctx.ndes && hasRa) {
    if (!certs.some((x) => x.role === 'ra-encryption'))
      add('fail', strings.missingRa, { kind: 'CEP Encryption' });
    if (!certs.some((x) => x.role === 'ra-signature'))
      add('fail', strings.missingRa, { kind: 'Enrollment Agent (Offline request)' });
  }
  for (const x of certs) {
    const v = {
      role: ROLE_LABEL[x.role],
      name: name(x.cert),
      from: x.cert.notBefore,
      to: x.cert.notAfter,
      days: x.daysLeft,
      issuer: x.cert.issuer,
      thumbprint: x.cert.thumbprint,
    };
    if (!x.timeValid) add('fail', strings.expired, v);
    else if (x.daysLeft < SOON_DAYS) add('warn', strings.expiring, v);
    if (x.issuedBy === null && x.role !== 'ca') add('warn', strings.orphan, v);
    if (x.signatureValid === false) add('fail', strings.badSignature, v);
    if (x.inLocalStore === false) add('fail', strings.notLocal, v);
  }
  const type = (input.contentType ?? '').toLowerCase();
  const expected =
    input.form === 'ca-ra' ? 'application/x-x509-ca-ra-cert' : 'application/x-x509-ca-cert';
  if (input.form !== 'unknown' && !type.startsWith(expected))
    add('warn', strings.typeMismatch, { type: input.contentType ?? '(none)', form: input.form });
  const list = certs.map(
    (x) => `${ROLE_LABEL[x.role]} ${name(x.cert)} (until ${x.cert.notAfter.slice(0, 10)})`,
  );
  const notes = problems.map((p) => p.text);
  if (!ctx.ndes && !hasRa && certs.length > 0) notes.push(strings.caOnly);
  return {
    verdict: worst(problems.map((p) => p.level)),
    meaning: fill(strings.summary, { count: certs.length, list: list.join('; ') }),
    notes,
    checkId,
    assessment: {
      contentType: input.contentType,
      form: input.form,
      certs,
      problems: problems.map((p) => p.text),
      recipient: recipientOf(certs),
    },
  };
}

/** --ca-fingerprint: the SHA-256 of the CA certificate GetCACert returned must match. */
export function assessPin(certs: readonly ClassifiedCert[], fingerprint: string): Interpretation {
  const want = normHex(fingerprint);
  if (certs.length === 0) return { verdict: 'fail', meaning: strings.pinNoCerts, notes: [] };
  const hit = certs.find((x) => x.sha256 === want);
  if (hit?.role === 'ca')
    return { verdict: 'ok', meaning: fill(strings.pinOk, { name: name(hit.cert) }), notes: [] };
  if (hit)
    return { verdict: 'fail', meaning: fill(strings.pinRa, { name: name(hit.cert) }), notes: [] };
  return { verdict: 'fail', meaning: fill(strings.pinNone, { fingerprint: want }), notes: [] };
}

/** TLS of an https URL: host name, expiry, protocol version, and whether this machine trusts it. */
export function assessTls(info: TlsPeerInfo, nowMs: number): Interpretation {
  const checkId = 'tls-certificate-valid';
  const leaf = info.chain[0];
  if (!leaf) return { verdict: 'fail', meaning: strings.tlsNone, notes: [], checkId };
  const problems: { level: Verdict; text: string }[] = [];
  const v = {
    subject: leaf.subject,
    issuer: leaf.issuer,
    from: leaf.validFrom,
    to: leaf.validTo,
    protocol: info.protocol ?? '?',
    days: Math.floor((Date.parse(leaf.validTo) - nowMs) / DAY),
    error: info.hostnameError ?? info.authorizationError ?? '',
  };
  if (info.protocol && /^(SSLv|TLSv1(\.[01])?$)/.test(info.protocol))
    problems.push({ level: 'fail', text: fill(strings.tlsOld, v) });
  if (info.hostnameError) problems.push({ level: 'fail', text: fill(strings.tlsHost, v) });
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  if (!(from <= nowMs && nowMs <= to))
    problems.push({ level: 'fail', text: fill(strings.tlsExpired, v) });
  else if (v.days < SOON_DAYS) problems.push({ level: 'warn', text: fill(strings.tlsExpiring, v) });
  if (!info.authorized)
    problems.push({
      level: 'warn',
      text: fill(strings.tlsUntrusted, { error: info.authorizationError ?? 'unknown' }),
    });
  const first = problems.find((p) => p.level === 'fail') ?? problems[0];
  return {
    verdict: worst(problems.map((p) => p.level)),
    meaning: first ? first.text : fill(strings.tlsOk, v),
    notes: problems.filter((p) => p !== first).map((p) => p.text),
    checkId,
  };
}
