// The SCEP operations a device performs against mscep.dll (RFC 8894 §4, AF §8): GetCACaps,
// GetCACert (one DER certificate or a degenerate PKCS#7 with the RA certificates) and PKIOperation
// (GET with the base64 message in the URL, or POST when POSTPKIOperation is advertised).
import { createHash } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { certificatesFromPkcs7, parseCertificate } from '../../shared/parse/certificates';
import type { CertSummary } from '../../shared/parse/certificates';
import type { ServedCert } from '../../shared/probe/interpret-certs';
import type {
  CaCertAssessment,
  ContentCipher,
  EnrollmentAssessment,
} from '../../shared/probe/types';
import { decodeFailInfo, decodePkiStatus } from '../../shared/probe/interpret';
import { httpRequest } from './http';
import type { HttpResult } from './http';
import { buildPkcsReq, newRequester } from './scep-message';
import type { HashName, Requester } from './scep-message';
import { decodeCertRep } from './scep-certrep';

export interface ScepOptions {
  timeoutMs?: number;
  /** `message=` of GetCACaps / GetCACert; NDES ignores it (AF §8). */
  message?: string;
}

/** The largest body kept whole (GetCACert, CertRep); bigger ones are not SCEP answers. */
const WHOLE_BODY = 4 * 1024 * 1024;

/** `<url without query>?operation=<op>&message=<message, percent-encoded>`. */
export function operationUrl(url: string, operation: string, message: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}?operation=${operation}&message=${encodeURIComponent(message)}`;
}

export function getCaCaps(url: string, o: ScepOptions = {}): Promise<HttpResult> {
  return httpRequest({
    url: operationUrl(url, 'GetCACaps', o.message ?? 'default'),
    timeoutMs: o.timeoutMs,
  });
}

export interface CaCertAnswer {
  http: HttpResult;
  form: CaCertAssessment['form'];
  /** DER of each certificate, in answer order. */
  ders: Uint8Array[];
  certs: ServedCert[];
  parseError: string | null;
}

function sha256(d: Uint8Array): string {
  return createHash('sha256').update(d).digest('hex').toUpperCase();
}

/** Checks each certificate's signature with the key of a same-named issuer in the set. */
function signatureChecks(ders: Uint8Array[], summaries: CertSummary[]): (boolean | null)[] {
  const x = ders.map((d) => new X509Certificate(Buffer.from(d)));
  return summaries.map((s, i) => {
    const cands = summaries.flatMap((o, j) => (o.subject === s.issuer ? [j] : []));
    if (cands.length === 0) return null;
    return cands.some((j) => {
      try {
        return x[i]!.verify(x[j]!.publicKey);
      } catch {
        return false;
      }
    });
  });
}

export async function getCaCert(url: string, o: ScepOptions = {}): Promise<CaCertAnswer> {
  const http = await httpRequest({
    url: operationUrl(url, 'GetCACert', o.message ?? 'default'),
    timeoutMs: o.timeoutMs,
    keepBytes: WHOLE_BODY,
  });
  const out: CaCertAnswer = { http, form: 'unknown', ders: [], certs: [], parseError: null };
  if (http.status !== 200) return out;
  try {
    if (!http.bodyComplete) throw new Error(`the body was cut after ${http.body.length} bytes`);
    const type = Object.entries(http.headers).find(([k]) => /^content-type$/i.test(k))?.[1] ?? '';
    let ders: Uint8Array[];
    try {
      ders = await certificatesFromPkcs7(http.body);
      out.form = 'ca-ra';
    } catch (e) {
      // A lone CA certificate (application/x-x509-ca-cert) is one DER certificate.
      if (/ca-ra-cert/i.test(type)) throw e;
      ders = [http.body];
      out.form = 'ca';
    }
    const summaries = await Promise.all(ders.map((d) => parseCertificate(d)));
    const sigs = signatureChecks(ders, summaries);
    out.ders = ders;
    out.certs = summaries.map((cert, i) => ({
      cert,
      sha256: sha256(ders[i]!),
      signatureValid: sigs[i] ?? null,
    }));
  } catch (e) {
    out.parseError = (e as Error).message;
    out.form = 'unknown';
  }
  return out;
}

/** PKIOperation by GET (base64, percent-encoded per RFC 8894 §4.1) or POST (binary body). */
export function pkiOperation(
  url: string,
  message: Uint8Array,
  method: 'GET' | 'POST',
  o: ScepOptions = {},
): Promise<HttpResult> {
  const u = new URL(url);
  const base = `${u.origin}${u.pathname}?operation=PKIOperation`;
  if (method === 'POST')
    return httpRequest({
      url: base,
      method: 'POST',
      body: message,
      headers: { 'Content-Type': 'application/x-pki-message' },
      timeoutMs: o.timeoutMs,
      keepBytes: WHOLE_BODY,
    });
  const b64 = Buffer.from(message).toString('base64');
  return httpRequest({
    url: `${base}&message=${encodeURIComponent(b64)}`,
    timeoutMs: o.timeoutMs,
    keepBytes: WHOLE_BODY,
  });
}

export interface EnrollInput {
  url: string;
  /** Certificate the request is encrypted to (CEP Encryption RA, or the CA). */
  recipientDer: Uint8Array;
  /** GetCACert certificates, for the CertRep signature when it carries no signer. */
  caCertDers: Uint8Array[];
  challenge: string;
  challengeMadeUp: boolean;
  method: 'GET' | 'POST';
  hash: HashName;
  cipher: ContentCipher;
  /** A key pair generation already under way (see generateKey). */
  key?: Promise<CryptoKeyPair>;
}

export interface EnrollOutcome {
  http: HttpResult;
  requester: Requester;
  request: Uint8Array;
  assessment: EnrollmentAssessment;
  /** DER of the issued certificate on SUCCESS. */
  issuedDer: Uint8Array | null;
}

const eq = (a: Uint8Array | null, b: Uint8Array) =>
  a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

/** A full PKCSReq and its CertRep decoded. */
export async function enroll(input: EnrollInput, o: ScepOptions = {}): Promise<EnrollOutcome> {
  const requester = await newRequester(input.challenge, input.hash, input.key);
  const request = await buildPkcsReq(requester, input.recipientDer, input.cipher);
  const http = await pkiOperation(input.url, request, input.method, o);
  const assessment: EnrollmentAssessment = {
    method: input.method,
    hash: input.hash,
    cipher: input.cipher,
    challengeMadeUp: input.challengeMadeUp,
    transactionId: requester.transactionId,
    subject: requester.subject,
    pkiStatus: null,
    failInfo: null,
    failInfoText: null,
    recipientNonceOk: null,
    transactionIdOk: null,
    signatureValid: null,
    signer: null,
    issued: null,
    answeredBy: null,
    decodeError: null,
  };
  let issuedDer: Uint8Array | null = null;
  if (http.status === 200) {
    try {
      if (!http.bodyComplete) throw new Error(`the body was cut after ${http.body.length} bytes`);
      const rep = await decodeCertRep(http.body, requester, input.caCertDers);
      assessment.pkiStatus = decodePkiStatus(rep.pkiStatus);
      assessment.failInfo = decodeFailInfo(rep.failInfo);
      assessment.failInfoText = rep.failInfoText;
      assessment.recipientNonceOk = rep.recipientNonce
        ? eq(rep.recipientNonce, requester.senderNonce)
        : null;
      assessment.transactionIdOk =
        rep.transactionId === null ? null : rep.transactionId === requester.transactionId;
      assessment.signatureValid = rep.signatureValid;
      assessment.signer = rep.signer;
      if (rep.messageType !== null && rep.messageType.trim() !== '3')
        throw new Error(`messageType ${rep.messageType} is not CertRep (3)`);
      issuedDer = rep.issued;
      if (rep.issued) assessment.issued = await parseCertificate(rep.issued);
      if (rep.error) assessment.decodeError = rep.error;
    } catch (e) {
      assessment.decodeError = (e as Error).message;
    }
  }
  return { http, requester, request, assessment, issuedDer };
}
