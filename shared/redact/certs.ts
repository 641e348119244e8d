// Certificate summaries that stand in for a DER file in a redacted export: exactly the CertSummary
// fields the snapshot builder reads back (main/analysis/build-parts.ts strictSummary), with the
// names tokenized like everywhere else. Validity, EKU, key usage, template and thumbprint stay, so
// the rules judge the summary as they judged the certificate. A DER cannot be edited in place: its
// signature and thumbprint would break.
import type { CertSummary } from '../parse/certificates';
import type { Redactor } from './redactor';

/** The summary with subject, issuer and SAN entries tokenized. */
export function redactCertSummary(c: CertSummary, r: Redactor): CertSummary {
  const n = (s: string) => r.names(s);
  return {
    ...c,
    subject: n(c.subject),
    issuer: n(c.issuer),
    subjectCN: c.subjectCN === null ? null : n(c.subjectCN),
    issuerCN: c.issuerCN === null ? null : n(c.issuerCN),
    sanDns: c.sanDns.map(n),
    sanOther: c.sanOther.map(n),
  };
}

/** `certs/LocalMachine/My/<THUMB>.cer` → `certs/LocalMachine/My/<THUMB>.json`. */
export function summaryPath(path: string): string {
  return path.replace(/\.(cer|crt|der)$/i, '.json');
}

/** `probe/getcacert-1.p7b` → `probe/getcacert-1.json` (an array of summaries). */
export function p7bSummaryPath(path: string): string {
  return path.replace(/\.p7b$/i, '.json');
}
