// The PKIOperation answer (RFC 8894 §3.3.2 CertRep, AF §8) and which layer gave it. An HTTP 200
// proves only the transport: NDES sends pkiStatus FAILURE with 200 too, and with the Intune policy
// module a made-up challenge must come back as exactly that (S-POLMOD, SEED-D2N).
import { decodeIisStatus } from '../decode/iis-status';
import { fill } from '../engine/computed/text';
import type { HttpAnswer, Interpretation } from './http-answer';
import type { AnsweringLayer, EnrollmentAssessment } from './types';

const strings = {
  answeredBy: 'Answered by: {layer}.',
  transport: 'The PKIOperation request got no HTTP answer: {error}.',
  lengthLimit:
    'HTTP {status}: a URL length limit refused the PKIOperation GET before mscep.dll saw it ({meaning}).',
  mscep500:
    'HTTP 500: mscep.dll failed on the request before any policy decision: it could not decrypt or verify it (RA certificate keys missing or unreadable, service account locked); see NDES Application events.',
  server500: 'HTTP 500: the SCEP server failed on the request: {body}',
  http: 'HTTP {status}: {meaning}',
  httpUnknown: 'HTTP {status}: not a SCEP answer.',
  notCertRep: 'HTTP 200, but the body is not a SCEP CertRep: {error}.',
  nonce: 'The CertRep does not answer this request: its recipientNonce is not our senderNonce.',
  transaction: 'The CertRep carries another transactionID than the request.',
  signature: 'The CertRep signature does not verify with its signer certificate.',
  issued: 'SUCCESS: certificate issued to {subject} by {issuer}, valid until {notAfter}.',
  issuedUnreadable: 'SUCCESS, but the issued certificate could not be read: {error}.',
  issuedMadeUpPolicy:
    'SUCCESS for a made-up challenge: the policy module does not validate Intune challenges, so anyone can enroll.',
  issuedMadeUp: 'SUCCESS for a made-up challenge: this server does not check challenge passwords.',
  rejectedMadeUpPolicy:
    'FAILURE (badRequest) from the Intune policy module for the made-up challenge, as it should be: device → IIS → mscep.dll → policy module all work.',
  rejectedMadeUp: 'FAILURE (badRequest) for the made-up challenge, as it should be.',
  rejectedPolicy:
    'FAILURE (badRequest): the Intune policy module or the CA refused the request. An Intune challenge is single-use, bound to one device request and expires; see the connector log and NDES Application events.',
  rejectedStatic:
    'FAILURE (badRequest): NDES refused the request; without a policy module this is its own challenge password check (or the CA denied it).',
  rejected: 'FAILURE (badRequest): the server refused the request (wrong challenge or policy).',
  badAlg: 'FAILURE (badAlg): the server does not accept {hash} with {cipher}.',
  badMessageCheck:
    'FAILURE (badMessageCheck): the server could not verify or decrypt the request; it was encrypted to an RA certificate whose key it no longer uses (stale GetCACert or RA renewed without iisreset).',
  badTime:
    'FAILURE (badTime): the signing time or the transient certificate is outside the server clock; check the clocks.',
  badCertId: 'FAILURE (badCertId): the server does not know the certificate the request refers to.',
  failure: 'FAILURE without a known failInfo ({failInfo}).',
  pending:
    'PENDING: the CA put the request on hold (the template needs CA manager approval); devices never collect such certificates.',
  pendingMadeUp:
    'PENDING for a made-up challenge: the policy module let it through to the CA, which should never happen with Intune.',
  unknownStatus: 'Unknown pkiStatus {status}.',
} as const;

const LAYER: Record<AnsweringLayer, string> = {
  network: 'the network (no HTTP answer)',
  'http-sys': 'HTTP.sys (before IIS)',
  iis: 'IIS (before mscep.dll)',
  proxy: 'the gateway in front of NDES',
  mscep: 'mscep.dll (NDES)',
  'policy-module': 'the Intune policy module',
  ca: 'the CA',
  'scep-server': 'the SCEP server',
};

/** RFC 8894 §3.2.1.3 pkiStatus: 0 SUCCESS, 2 FAILURE, 3 PENDING; the raw value otherwise. */
export function decodePkiStatus(v: string | null): string | null {
  if (v === null) return null;
  return { '0': 'SUCCESS', '2': 'FAILURE', '3': 'PENDING' }[v.trim()] ?? v;
}

/** RFC 8894 §3.2.1.4 failInfo 0–4 by name; the raw value otherwise. */
export function decodeFailInfo(v: string | null): string | null {
  if (v === null) return null;
  const names = ['badAlg', 'badMessageCheck', 'badRequest', 'badTime', 'badCertId'];
  return names[Number(v.trim())] ?? v;
}

export interface EnrollContext {
  /** The endpoint is NDES (IIS, mscep.dll). */
  ndes: boolean;
  /** The bare URL answered 403: the Intune policy module is loaded. */
  policyModule: boolean;
}

type Result = Interpretation & { answeredBy: AnsweringLayer };

function result(verdict: Result['verdict'], meaning: string, by: AnsweringLayer): Result {
  return {
    verdict,
    meaning,
    notes: [fill(strings.answeredBy, { layer: LAYER[by] })],
    answeredBy: by,
  };
}

function httpFailure(a: HttpAnswer, ctx: EnrollContext): Result {
  const status = a.status ?? 0;
  const text = new TextDecoder().decode(a.body.subarray(0, 300)).trim();
  const d = decodeIisStatus(status, 0, 0, 'mscep');
  if (status === 400 || status === 414 || status === 404) {
    const meaning = fill(strings.lengthLimit, { status, meaning: d?.meaning ?? '-' });
    return result('fail', meaning, status === 404 ? 'iis' : 'http-sys');
  }
  if (status === 500)
    return ctx.ndes
      ? result('fail', strings.mscep500, 'mscep')
      : result('fail', fill(strings.server500, { body: text || '-' }), 'scep-server');
  if (status === 504)
    return result('fail', fill(strings.http, { status, meaning: 'GatewayTimeout' }), 'proxy');
  if (d) return result('fail', fill(strings.http, { status, meaning: d.meaning }), 'iis');
  return result('fail', fill(strings.httpUnknown, { status }), ctx.ndes ? 'iis' : 'scep-server');
}

function failure(e: EnrollmentAssessment, ctx: EnrollContext): Result {
  const server: AnsweringLayer = ctx.ndes ? 'mscep' : 'scep-server';
  switch (e.failInfo) {
    case 'badRequest': {
      if (ctx.ndes && ctx.policyModule) {
        const meaning = e.challengeMadeUp ? strings.rejectedMadeUpPolicy : strings.rejectedPolicy;
        return result(e.challengeMadeUp ? 'ok' : 'fail', meaning, 'policy-module');
      }
      if (e.challengeMadeUp) return result('ok', strings.rejectedMadeUp, server);
      return result('fail', ctx.ndes ? strings.rejectedStatic : strings.rejected, server);
    }
    case 'badAlg':
      return result('fail', fill(strings.badAlg, { hash: e.hash, cipher: e.cipher }), server);
    case 'badMessageCheck':
      return result('fail', strings.badMessageCheck, server);
    case 'badTime':
      return result('fail', strings.badTime, server);
    case 'badCertId':
      return result('fail', strings.badCertId, server);
    default:
      return result('fail', fill(strings.failure, { failInfo: e.failInfo ?? '-' }), server);
  }
}

/** What the PKIOperation answer means and which layer gave it. */
export function assessEnrollment(
  a: HttpAnswer,
  e: EnrollmentAssessment | null,
  ctx: EnrollContext,
): Result {
  if (a.status === null)
    return result('fail', fill(strings.transport, { error: a.error ?? '-' }), 'network');
  if (a.status !== 200) return httpFailure(a, ctx);
  const server: AnsweringLayer = ctx.ndes ? 'mscep' : 'scep-server';
  if (!e || (e.decodeError !== null && e.pkiStatus === null))
    return result('fail', fill(strings.notCertRep, { error: e?.decodeError ?? '-' }), server);
  if (e.recipientNonceOk === false) return result('fail', strings.nonce, server);
  if (e.transactionIdOk === false) return result('fail', strings.transaction, server);
  if (e.signatureValid === false) return result('fail', strings.signature, server);
  switch (e.pkiStatus) {
    case 'SUCCESS': {
      const by: AnsweringLayer = ctx.ndes ? 'ca' : 'scep-server';
      if (e.challengeMadeUp && ctx.ndes && ctx.policyModule)
        return result('fail', strings.issuedMadeUpPolicy, by);
      if (e.challengeMadeUp) return result('warn', strings.issuedMadeUp, by);
      const c = e.issued;
      if (!c)
        return result('fail', fill(strings.issuedUnreadable, { error: e.decodeError ?? '-' }), by);
      const meaning = fill(strings.issued, {
        subject: c.subject,
        issuer: c.issuer,
        notAfter: c.notAfter,
      });
      return result('ok', meaning, by);
    }
    case 'FAILURE':
      return failure(e, ctx);
    case 'PENDING':
      if (e.challengeMadeUp && ctx.policyModule) return result('fail', strings.pendingMadeUp, 'ca');
      return result('warn', strings.pending, ctx.ndes ? 'ca' : 'scep-server');
    default:
      return result('fail', fill(strings.unknownStatus, { status: e.pkiStatus ?? '-' }), server);
  }
}
