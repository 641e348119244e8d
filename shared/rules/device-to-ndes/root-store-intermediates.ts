// Non-self-signed certificates in LocalMachine\Root make the SCEP pool crash (w3wp.exe 0xc0000005,
// HTTP 503) and break the legacy connector's VerifyRequest (403.16); only true self-signed roots
// belong there (S-DEV2NDES cause 1, SEED-D2N, T-VALID #11).
import { defineRule } from '../../engine/define-rule';
import { certEvidence } from '../../engine/computed/ra-certs';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome, EvidenceItem, StoreCert } from '../../model';

const strings = {
  title: 'The Trusted Root store holds only self-signed certificates',
  failureTitle: 'The Trusted Root store holds certificates that are not self-signed roots',
  why: 'Intermediate or otherwise non-self-signed certificates in LocalMachine\\Root make the SCEP application pool crash (HTTP 503) and break certificate validation by the connector.',
  fix: 'List them with Get-ChildItem -Path Cert:\\LocalMachine\\Root -Recurse | Where-Object {$_.Issuer -ne $_.Subject}. Move each one to Intermediate CAs: Move-Item Cert:\\LocalMachine\\Root\\<thumbprint> -Destination Cert:\\LocalMachine\\CA. If a GPO puts them back, exclude the server from that GPO. Then restart the server.',
  noStores: 'The certificate stores were not collected, so the Root store cannot be checked.',
  empty: 'No certificate of LocalMachine\\Root was collected, so the Root store cannot be checked.',
  ok: 'All {count} certificates in LocalMachine\\Root are self-signed roots.',
  bad: '{count} certificate(s) in LocalMachine\\Root are not self-signed roots.',
  notSelfIssued: 'Issuer differs from subject (an intermediate or leaf certificate)',
  badSignature: 'Issuer equals subject, but the signature does not verify with its own key',
  unchecked:
    '{count} self-issued certificate(s) use a signature algorithm that could not be verified offline; they are not counted as offenders.',
  tableCaption: 'Certificates in LocalMachine\\Root that are not self-signed roots',
  role: 'Not a self-signed root',
};

export default defineRule({
  meta: {
    id: 'root-store-intermediates',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['certs'],
    fixWizard: 'move-root-intermediates',
  },
  strings,
  check: ({ certs }): CheckOutcome => {
    if (!isOk(certs)) return { status: 'unknown', summary: strings.noStores };
    const root = certs.value.certs.filter((c) => c.store.toLowerCase() === 'root');
    if (root.length === 0) return { status: 'unknown', summary: strings.empty };
    const offenders: { cert: StoreCert; why: string }[] = [];
    for (const cert of root) {
      if (!cert.selfIssued) offenders.push({ cert, why: strings.notSelfIssued });
      else if (cert.selfSignatureValid === false)
        offenders.push({ cert, why: strings.badSignature });
    }
    const unchecked = root.filter((c) => c.selfIssued && c.selfSignatureValid === null).length;
    const evidence: EvidenceItem[] = [];
    if (offenders.length > 0) {
      evidence.push({
        kind: 'table',
        caption: strings.tableCaption,
        headers: ['Subject', 'Issuer', 'Thumbprint', 'Problem'],
        rows: offenders.map((o) => [o.cert.subject, o.cert.issuer, o.cert.thumbprint, o.why]),
      });
      evidence.push(...offenders.map((o) => certEvidence(o.cert, strings.role)));
    }
    if (unchecked > 0)
      evidence.push({ kind: 'text', text: fill(strings.unchecked, { count: unchecked }) });
    if (offenders.length === 0) {
      return { status: 'pass', summary: fill(strings.ok, { count: root.length }), evidence };
    }
    return { status: 'fail', summary: fill(strings.bad, { count: offenders.length }), evidence };
  },
});
