// NDES only supports legacy CryptoAPI CSPs for the RA keys; a CNG Key Storage Provider chosen at
// install makes NDES fail (W-NDESACCT, T-VALID #6, AF §7). Read from certs/index.json KeyProvider,
// falling back to the install command line in CertificateServices-Deployment event 105.
import { defineRule } from '../../engine/define-rule';
import { installProviders, providerKind } from '../../engine/computed/ca';
import type { InstallProviders } from '../../engine/computed/ca';
import { groupEvents } from '../../engine/computed/events';
import { RA_KIND_LABEL, RA_KINDS, raCertificates } from '../../engine/computed/ra-certs';
import type { RaKind } from '../../engine/computed/ra-certs';
import { worstStatus } from '../../engine/computed/probe';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, CheckStatus, EvidenceItem, StoreCert } from '../../model';

const strings = {
  title: 'The RA keys use a CryptoAPI provider',
  failureTitle: 'An RA key uses a CNG Key Storage Provider',
  why: 'NDES can only use RA keys held by a legacy CryptoAPI CSP; with a CNG Key Storage Provider it fails ("Incorrect CSP selected during install. NDES only supports the CryptoAPI CSP.").',
  fix: 'Reinstall NDES with Install-AdcsNetworkDeviceEnrollmentService … -SigningProviderName "Microsoft Strong Cryptographic Provider" -EncryptionProviderName "Microsoft Strong Cryptographic Provider". Reboot: no.',
  ksp: 'The {kind} RA key ({source}) is held by "{provider}", a CNG Key Storage Provider; NDES only supports CryptoAPI CSPs.',
  other:
    'The {kind} RA key ({source}) is held by "{provider}", which its name does not identify as a CryptoAPI CSP or a Key Storage Provider.',
  unknownKind:
    'The key provider of the newest {kind} RA certificate {thumbprint} is not recorded, and no NDES install event 105 names it.',
  unknownParam:
    'There is no {kind} RA certificate, and NDES install event 105 does not name its provider ({param}).',
  noData:
    'No RA certificate records its key provider and no NDES install event 105 is available, so the RA key providers are unknown.',
  ok: 'The RA keys are held by CryptoAPI CSPs: {providers}.',
  fromCert: 'certificate {thumbprint}',
  fromEvent: 'event 105, {param}',
  caption: 'Key providers of the RA certificates',
  judged: 'judged (newest)',
  listed: 'listed only',
  none: '(not recorded)',
};

const PARAM: Record<RaKind, 'encryption' | 'signing'> = {
  'cep-encryption': 'encryption',
  'enrollment-agent': 'signing',
};
const PARAM_NAME = { encryption: '-EncryptionProviderName', signing: '-SigningProviderName' };

interface Judged {
  status: CheckStatus;
  text: string;
  provider: string | null;
}

function judgeKind(
  k: RaKind,
  cert: StoreCert | undefined,
  install: InstallProviders | null,
): Judged {
  const kind = RA_KIND_LABEL[k];
  const fromIndex = cert?.index?.keyProvider ?? null;
  const param = PARAM_NAME[PARAM[k]];
  const provider = fromIndex ?? install?.[PARAM[k]] ?? null;
  const source =
    cert && fromIndex
      ? fill(strings.fromCert, { thumbprint: cert.thumbprint })
      : fill(strings.fromEvent, { param });
  const values = {
    kind,
    source,
    param,
    provider: provider ?? '',
    thumbprint: cert?.thumbprint ?? '',
  };
  if (provider === null) {
    const text = cert ? fill(strings.unknownKind, values) : fill(strings.unknownParam, values);
    return { status: 'unknown', text, provider };
  }
  const pk = providerKind(provider);
  if (pk === 'ksp') return { status: 'fail', text: fill(strings.ksp, values), provider };
  if (pk === 'other') return { status: 'unknown', text: fill(strings.other, values), provider };
  return { status: 'pass', text: '', provider: `${kind}: ${provider}` };
}

export default defineRule({
  meta: {
    id: 'ra-certificates-csp',
    step: 'ndes-to-ca',
    severity: 'high',
    requiredEvidence: ['certs'],
    optionalEvidence: ['eventsDeployment'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ certs, eventsDeployment: dep }): CheckOutcome => {
    const ra =
      certs.state === 'ok' && certs.value && certs.value.indexState === 'ok'
        ? raCertificates(certs.value)
        : { 'cep-encryption': [], 'enrollment-agent': [] };
    const install = dep.state === 'ok' && dep.value ? installProviders(dep.value) : null;
    const evidence: EvidenceItem[] = [];
    const rows = RA_KINDS.flatMap((k) =>
      ra[k].map((c, i) => [
        RA_KIND_LABEL[k],
        c.thumbprint,
        c.index?.keyProvider ?? strings.none,
        i === 0 ? strings.judged : strings.listed,
      ]),
    );
    if (rows.length > 0)
      evidence.push({
        kind: 'table',
        caption: strings.caption,
        headers: ['Certificate', 'Thumbprint', 'KeyProvider', 'Role'],
        rows,
      });
    if (install) evidence.push(...groupEvents(dep.path, [install.event]));

    // Kinds without a certificate are ra-certificates-present's finding; with none at all, the
    // install command line is all there is.
    const anyCert = RA_KINDS.some((k) => ra[k].length > 0);
    const kinds = RA_KINDS.filter((k) => !anyCert || ra[k].length > 0);
    const judged = kinds.map((k) => judgeKind(k, ra[k][0], install));
    if (judged.every((j) => j.provider === null)) {
      return { status: 'unknown', summary: strings.noData, evidence };
    }
    const status = worstStatus(judged.map((j) => j.status));
    if (status === 'pass') {
      const providers = judged.map((j) => j.provider).join('; ');
      return { status, summary: fill(strings.ok, { providers }), evidence };
    }
    const problems = judged.filter((j) => j.status !== 'pass');
    const first = problems.find((j) => j.status === status);
    const others = problems
      .filter((j) => j !== first)
      .map((j): EvidenceItem => ({ kind: 'text', text: j.text }));
    return { status, summary: first?.text ?? '', evidence: [...others, ...evidence] };
  },
});
