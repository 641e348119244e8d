// The SCEP endpoint probe's report (`ndes-doctor probe`, the probe panel): one step per request a
// device would make against mscep.dll, each with its HTTP facts and what they mean. Serializable,
// so the CLI's --json document, the app panel and stored runs share one shape.
import type { CertSummary } from '../parse/certificates';

/** How a step went: `info` states a fact that needs no action. */
export type Verdict = 'ok' | 'warn' | 'fail' | 'info';

/** Steps in the order the probe runs them. */
export type ProbeStepName =
  'base' | 'tls' | 'getcacaps' | 'getcacert' | 'ca-pin' | 'long-url' | 'pkioperation';

export interface ProbeStep {
  name: ProbeStepName;
  url: string;
  /** `GET`, `POST`, or `TLS` for the handshake facts. */
  method: string;
  /** HTTP status; null when no HTTP answer came (or the step makes no request). */
  status: number | null;
  elapsedMs: number | null;
  /** Transport error (refused, timeout, TLS) or why the step could not run. */
  error: string | null;
  verdict: Verdict;
  /** One or two sentences: what the answer means for devices. */
  meaning: string;
  /** Further facts, one sentence each. */
  notes: string[];
  /** The NDES Doctor check that judges the same layer from a bundle. */
  checkId?: string;
}

/** One certificate of the server's TLS chain, as the handshake presented it (leaf first). */
export interface TlsCertInfo {
  subject: string;
  issuer: string;
  /** `DNS:a, DNS:b, IP Address:…` as Node prints it; null when absent. */
  subjectAltName: string | null;
  /** ISO 8601 UTC. */
  validFrom: string;
  validTo: string;
  /** Upper-case hex SHA-256 of the DER. */
  fingerprint256: string;
  serialNumber: string;
}

/** What the TLS handshake showed; the chain is reported whether or not this machine trusts it. */
export interface TlsPeerInfo {
  /** e.g. `TLSv1.3`. */
  protocol: string | null;
  cipher: string | null;
  /** The chain verified against this machine's trust store. */
  authorized: boolean;
  authorizationError: string | null;
  /** Host name checked against the leaf (RFC 6125); null when it matches. */
  hostnameError: string | null;
  chain: TlsCertInfo[];
}

/** RFC 8894 §3.5.2 capabilities and what a device can or cannot use. */
export interface CapsAssessment {
  capabilities: string[];
  /** Absent and wanted: `AES`, `SHA-256 or better`, `POSTPKIOperation`. */
  missing: string[];
  /** Advertised weak algorithms: `DES3`, `SHA-1`. */
  weak: string[];
  /** What this probe will use for PKIOperation. */
  chosen: { method: 'GET' | 'POST'; hash: 'SHA-1' | 'SHA-256' | 'SHA-512'; cipher: ContentCipher };
}

export type ContentCipher = 'aes-128-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';

/** What a certificate of the GetCACert answer is for. */
export type CaCertRole = 'ca' | 'ra-encryption' | 'ra-signature' | 'ra-other' | 'other';

export interface ClassifiedCert {
  cert: CertSummary;
  role: CaCertRole;
  /** Upper-case hex SHA-256 of the DER (the pinning fingerprint scepclient uses). */
  sha256: string;
  /** Time-valid at the probe's time. */
  timeValid: boolean;
  /** Days until notAfter (negative when expired). */
  daysLeft: number;
  /** Certificate of this set that issued it (by name and key identifier), or null. */
  issuedBy: string | null;
  /** The issuer's signature checks out; null when not checked or no issuer in the set. */
  signatureValid: boolean | null;
  /** For RA certificates when local thumbprints are given: in the local store. */
  inLocalStore: boolean | null;
}

export interface CaCertAssessment {
  contentType: string | null;
  /** `ca-ra` (degenerate PKCS#7), `ca` (one DER certificate) or `unknown`. */
  form: 'ca-ra' | 'ca' | 'unknown';
  certs: ClassifiedCert[];
  problems: string[];
  /** Index into certs of the certificate PKIOperation is encrypted to; null when none fits. */
  recipient: number | null;
}

/** Why a long PKIOperation URL was refused, read from status and body. */
export type LongUrlRejection =
  'httpsys-400' | 'iis-404.14' | 'iis-404.15' | 'uri-too-long-414' | 'other-400' | 'other-404';

export interface LongUrlAttempt {
  /** Length of the request target (path and query) in bytes. */
  bytes: number;
  status: number | null;
  elapsedMs: number;
  error: string | null;
  /** null when accepted. */
  rejection: LongUrlRejection | null;
  accepted: boolean;
}

export interface LongUrlAssessment {
  /** Status of a short PKIOperation with the same synthetic message: the answer to the message itself. */
  referenceStatus: number | null;
  attempts: LongUrlAttempt[];
  /** Largest request target accepted, in bytes; null when none was. */
  largestAccepted: number | null;
  /** Smallest one refused, in bytes; null when none was. */
  smallestRejected: number | null;
}

/** Which layer gave the PKIOperation answer. */
export type AnsweringLayer =
  'network' | 'http-sys' | 'iis' | 'proxy' | 'mscep' | 'policy-module' | 'ca' | 'scep-server';

export interface EnrollmentAssessment {
  method: 'GET' | 'POST';
  hash: string;
  cipher: ContentCipher;
  /** True when the probe made the challenge up (no --challenge). */
  challengeMadeUp: boolean;
  transactionId: string;
  /** Subject of the CSR, e.g. `CN=ndes-doctor-probe-…`. */
  subject: string;
  /** CertRep fields; null when no CertRep was decoded. */
  pkiStatus: 'SUCCESS' | 'FAILURE' | 'PENDING' | string | null;
  failInfo: string | null;
  failInfoText: string | null;
  /** recipientNonce equals our senderNonce; null when absent. */
  recipientNonceOk: boolean | null;
  transactionIdOk: boolean | null;
  /** The CertRep signature verified with its signer certificate. */
  signatureValid: boolean | null;
  signer: string | null;
  issued: CertSummary | null;
  answeredBy: AnsweringLayer | null;
  /** Why decoding stopped, when it did. */
  decodeError: string | null;
}

export interface ProbeReport {
  schema: 'ndes-doctor-probe/1';
  url: string;
  startedAt: string;
  elapsedMs: number;
  /** The endpoint looks like NDES (IIS, mscep.dll path, 403 from the policy module). */
  ndes: boolean;
  /** Worst step verdict. */
  verdict: Verdict;
  steps: ProbeStep[];
  tls: TlsPeerInfo | null;
  caps: CapsAssessment | null;
  caCerts: CaCertAssessment | null;
  longUrl: LongUrlAssessment | null;
  enrollment: EnrollmentAssessment | null;
}
