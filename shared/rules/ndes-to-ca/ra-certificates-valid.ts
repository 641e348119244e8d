// The RA certificates come from v1 templates valid about two years, with no autoenrollment, so
// SCEP stops silently when they expire: mscep answers 500 (SEED-D2N cause 2, X-COREINFRA). The
// newest certificate of each kind (latest NotAfter) is compared with collectedAt.
import { defineRule } from '../../engine/define-rule';
import {
  certEvidence,
  daysLeft,
  RA_KIND_LABEL,
  RA_KINDS,
  raCertificates,
} from '../../engine/computed/ra-certs';
import type { RaKind } from '../../engine/computed/ra-certs';
import { worstStatus } from '../../engine/computed/probe';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, CheckStatus, EvidenceItem, StoreCert } from '../../model';

const strings = {
  title: 'The NDES RA certificates are valid',
  failureTitle: 'An NDES RA certificate is expired or not yet valid',
  why: 'NDES cannot decrypt or sign requests with an expired RA certificate; mscep answers HTTP 500 and enrollment stops without any other warning.',
  fix: 'Renew both RA certificates as in ra-certificates-present, then iisreset. For the future (T-HICKS): custom Enrollment Agent templates with autoenrollment, plus a SCEP pool restart on CertEnroll event 20. Reboot: no.',
  notRead:
    'certs/index.json was not read ({state}); RA certificates are defined by their private key, so they cannot be identified from the .cer files alone.',
  noRa: 'There is no RA certificate with a private key to judge (see ra-certificates-present).',
  noKind: 'There is no {kind} RA certificate to judge (see ra-certificates-present).',
  expired: 'The newest {kind} RA certificate {thumbprint} expired on {notAfter}.',
  notYet: 'The newest {kind} RA certificate {thumbprint} is not valid before {notBefore}.',
  expiring:
    'The newest {kind} RA certificate {thumbprint} expires on {notAfter}, in {days} days (30 days or less).',
  valid:
    'The newest {kind} RA certificate {thumbprint} is valid until {notAfter} ({days} days left).',
  okBoth:
    'Both newest RA certificates are valid for more than 30 days: CEP Encryption until {cep}, Enrollment Agent until {ea}.',
  newest: 'Newest {kind} RA certificate (judged)',
  older: 'Older {kind} RA certificate (listed only)',
};

const WARN_MS = 30 * 86_400_000;

function judgeCert(
  kind: RaKind,
  c: StoreCert,
  nowMs: number,
): { status: CheckStatus; text: string } {
  const values = {
    kind: RA_KIND_LABEL[kind],
    thumbprint: c.thumbprint,
    notAfter: c.notAfter,
    notBefore: c.notBefore,
    days: daysLeft(c, nowMs),
  };
  const notAfter = Date.parse(c.notAfter);
  if (notAfter < nowMs) return { status: 'fail', text: fill(strings.expired, values) };
  if (Date.parse(c.notBefore) > nowMs)
    return { status: 'fail', text: fill(strings.notYet, values) };
  if (notAfter <= nowMs + WARN_MS) return { status: 'warn', text: fill(strings.expiring, values) };
  return { status: 'pass', text: fill(strings.valid, values) };
}

export default defineRule({
  meta: {
    id: 'ra-certificates-valid',
    step: 'ndes-to-ca',
    severity: 'critical',
    requiredEvidence: ['certs'],
    fixWizard: 'renew-ra-certificates',
  },
  strings,
  check: ({ certs }, ctx): CheckOutcome => {
    if (certs.state !== 'ok' || !certs.value || certs.value.indexState !== 'ok') {
      const state = certs.value?.indexState ?? certs.state;
      return { status: 'unknown', summary: fill(strings.notRead, { state }) };
    }
    const ra = raCertificates(certs.value);
    const evidence: EvidenceItem[] = RA_KINDS.flatMap((k) =>
      ra[k].map((c, i) =>
        certEvidence(c, fill(i === 0 ? strings.newest : strings.older, { kind: RA_KIND_LABEL[k] })),
      ),
    );
    const judged = RA_KINDS.flatMap((k) => {
      const c = ra[k][0];
      return c ? [{ kind: k, cert: c, ...judgeCert(k, c, ctx.nowMs) }] : [];
    });
    if (judged.length === 0) return { status: 'not-applicable', summary: strings.noRa, evidence };
    const absent = RA_KINDS.filter((k) => !ra[k][0]).map((k) =>
      fill(strings.noKind, { kind: RA_KIND_LABEL[k] }),
    );
    const status = worstStatus(judged.map((j) => j.status));
    const [cep, ea] = [ra['cep-encryption'][0], ra['enrollment-agent'][0]];
    if (status === 'pass' && cep && ea) {
      return {
        status,
        summary: fill(strings.okBoth, { cep: cep.notAfter, ea: ea.notAfter }),
        evidence,
      };
    }
    const first = judged.find((j) => j.status === status);
    const others = [...judged.filter((j) => j !== first).map((j) => j.text), ...absent];
    evidence.unshift(...others.map((text): EvidenceItem => ({ kind: 'text', text })));
    return { status, summary: first?.text ?? '', evidence };
  },
});
