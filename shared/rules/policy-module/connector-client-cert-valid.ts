// The connector authenticates with a client certificate named by thumbprint in the registry; when it
// is missing, expired or (legacy) lacks Client Authentication, CRP answers 403, the SCEP pool can
// crash, or the connector cannot reach Intune (S-RENEW KB 4045957, SEED-D2N cause 4, T-YZ2 LOC08).
import { defineRule } from '../../engine/define-rule';
import { CURRENT_KEY, MSCEP_KEY } from '../../engine/computed/connector';
import { certByThumbprint, certEvidence, daysLeft } from '../../engine/computed/ra-certs';
import { regLookup, regString } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem } from '../../model';
import { isOk } from '../../model';
import { OID } from '../../parse/certificates';

const strings = {
  title: 'The connector client certificate is valid',
  failureTitle: 'The connector client certificate is missing, expired or unusable',
  why: 'The connector and its policy module authenticate with this certificate; without a valid one the registration point answers 403, the SCEP pool can crash, or the connector cannot authenticate to Intune.',
  fix: 'Legacy: certlm.msc → renew or request with a new key (CN and DNS SAN = FQDN), reinstall the connector, then Restart-Service NDESConnectorSvc, W3SVC. Current: run C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\ConnectorUI\\PFXCertificateConnectorUI.exe again. Reboot: no.',
  none: 'Neither NDESCertThumbprint (legacy) nor EncryptionCertThumbprint (current) is set, so no connector client certificate is referenced.',
  noStores:
    'The certificate stores were not collected, so the referenced certificate {thumbprint} cannot be checked.',
  notInMy: 'The {value} certificate {thumbprint} is not in LocalMachine\\My.',
  expired: 'The {value} certificate {thumbprint} expired on {notAfter}.',
  noClientAuth:
    'The {value} certificate {thumbprint} has an EKU extension without Client Authentication (1.3.6.1.5.5.7.3.2), so the registration point rejects it with 403.',
  expiring: 'The {value} certificate {thumbprint} expires in {days} days, on {notAfter}.',
  ok: 'The referenced connector certificate(s) are in LocalMachine\\My and valid for more than 30 days.',
  role: 'Connector client certificate ({value})',
};

const DAY_MS = 86_400_000;
type Outcome = { status: 'fail' | 'warn' | 'pass' | 'unknown'; summary: string };
const RANK = { fail: 3, unknown: 2, warn: 1, pass: 0 } as const;

export default defineRule({
  meta: {
    id: 'connector-client-cert-valid',
    step: 'policy-module',
    severity: 'high',
    requiredEvidence: ['regMscep', 'regIntune'],
    optionalEvidence: ['certs'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regMscep, regIntune, certs }, ctx): CheckOutcome => {
    const refs = [
      {
        lookup: regLookup(regMscep, `${MSCEP_KEY}\\Modules\\NDESPolicy`, 'NDESCertThumbprint'),
        legacy: true,
      },
      { lookup: regLookup(regIntune, CURRENT_KEY, 'EncryptionCertThumbprint'), legacy: false },
    ].filter((r) => r.lookup.value !== undefined);
    if (refs.length === 0) return { status: 'not-applicable', summary: strings.none };
    const evidence: EvidenceItem[] = refs.map((r) => r.lookup.evidence);
    const outcomes: Outcome[] = refs.map(({ lookup, legacy }) => {
      const raw = regString(lookup.value?.data) ?? lookup.evidence.value ?? '';
      const thumbprint = raw.replace(/[^0-9a-f]/gi, '').toUpperCase();
      const values = { value: lookup.evidence.valueName, thumbprint: thumbprint || raw };
      if (!isOk(certs)) return { status: 'unknown', summary: fill(strings.noStores, values) };
      const cert = thumbprint ? certByThumbprint(certs.value, thumbprint) : undefined;
      if (!cert) return { status: 'fail', summary: fill(strings.notInMy, values) };
      evidence.push(certEvidence(cert, fill(strings.role, values)));
      const days = daysLeft(cert, ctx.nowMs);
      const dated = { ...values, notAfter: cert.notAfter, days };
      if (Date.parse(cert.notAfter) < ctx.nowMs)
        return { status: 'fail', summary: fill(strings.expired, dated) };
      // No EKU extension at all means every purpose (RFC 5280 §4.2.1.12).
      if (legacy && cert.eku !== null && !cert.eku.includes(OID.clientAuth))
        return { status: 'fail', summary: fill(strings.noClientAuth, dated) };
      if (Date.parse(cert.notAfter) - ctx.nowMs <= 30 * DAY_MS)
        return { status: 'warn', summary: fill(strings.expiring, dated) };
      return { status: 'pass', summary: strings.ok };
    });
    const worst = outcomes.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
    return { ...worst, evidence };
  },
});
