// NDES needs two RA certificates with private keys in LocalMachine\My: CEP Encryption (devices
// encrypt to it) and Enrollment Agent (NDES signs requests to the CA). Without them mscep answers
// 500 and logs events 10 and 2 (S-DEV2NDES, SEED-D2N, T-VALID #12). Kinds per CHECKS.md §3.0, AF §7.
import { defineRule } from '../../engine/define-rule';
import { templateOidNames, withTemplateNames } from '../../engine/computed/ca';
import {
  certEvidence,
  RA_KIND_LABEL,
  RA_KINDS,
  raCertificates,
} from '../../engine/computed/ra-certs';
import { fill } from '../../engine/computed/text';
import { OID } from '../../parse/certificates';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'Both NDES RA certificates are present',
  failureTitle: 'An NDES RA certificate is missing',
  why: 'NDES decrypts device requests with the CEP Encryption certificate and signs them for the CA with the Enrollment Agent certificate; without either, mscep answers HTTP 500 and NDES logs events 10 and 2.',
  fix: 'Either reinstall the NDES role as Enterprise Admin, or re-request both certificates (SEED-D2N): CEP Encryption in the computer store: certlm.msc → Personal → All Tasks → Request New Certificate, with the old subject. "Exchange Enrollment Agent (Offline request)" in the user store (its subject type is User): mark the private key exportable, export it with the key, and import it into LocalMachine\\My. Grant the service account Read on both keys, then iisreset. Reboot: no.',
  notRead:
    'certs/index.json was not read ({state}), so which certificates have a private key, and therefore the RA certificates, is unknown.',
  missingOne: 'LocalMachine\\My holds no {kind} RA certificate with a private key.',
  missingBoth:
    'LocalMachine\\My holds neither a CEP Encryption nor an Enrollment Agent RA certificate with a private key.',
  ok: 'LocalMachine\\My holds {cep} CEP Encryption and {ea} Enrollment Agent RA certificates with private keys.',
  role: '{kind} RA certificate',
  noKey: 'Certificate Request Agent certificate without a private key (not usable by NDES)',
};

export default defineRule({
  meta: {
    id: 'ra-certificates-present',
    step: 'ndes-to-ca',
    severity: 'critical',
    requiredEvidence: ['certs'],
    optionalEvidence: ['templateOids'],
    fixWizard: 'renew-ra-certificates',
  },
  strings,
  check: ({ certs, templateOids }): CheckOutcome => {
    if (certs.state !== 'ok' || !certs.value || certs.value.indexState !== 'ok') {
      const state = certs.value?.indexState ?? certs.state;
      return { status: 'unknown', summary: fill(strings.notRead, { state }) };
    }
    const stores = withTemplateNames(certs.value, templateOidNames(templateOids));
    const ra = raCertificates(stores);
    const evidence: EvidenceItem[] = RA_KINDS.flatMap((k) =>
      ra[k].map((c) => certEvidence(c, fill(strings.role, { kind: RA_KIND_LABEL[k] }))),
    );
    // Request-agent certificates that do not count, so the admin sees why (e.g. key not imported).
    const keyless = stores.certs.filter(
      (c) =>
        c.store.toLowerCase() === 'my' &&
        c.eku?.includes(OID.certificateRequestAgent) === true &&
        c.index?.hasPrivateKey !== true,
    );
    evidence.push(...keyless.map((c) => certEvidence(c, strings.noKey)));
    const missing = RA_KINDS.filter((k) => ra[k].length === 0);
    if (missing.length === 2) return { status: 'fail', summary: strings.missingBoth, evidence };
    const kind = missing[0];
    if (kind) {
      return {
        status: 'fail',
        summary: fill(strings.missingOne, { kind: RA_KIND_LABEL[kind] }),
        evidence,
      };
    }
    const counts = { cep: ra['cep-encryption'].length, ea: ra['enrollment-agent'].length };
    return { status: 'pass', summary: fill(strings.ok, counts), evidence };
  },
});
