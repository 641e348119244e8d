// The RA certificates must come from the CA NDES submits to (MSCEP\CAInfo); after a CA renewal or
// move, RA certificates from the old CA give NDES events 2/10 and devices CAPI2 30 / 0x800B0109
// (X-ASKDS, S-CARENEW). Judged by issuer CN; AKI vs the GetCACert CA's SKI is shown as detail.
import { defineRule } from '../../engine/define-rule';
import { caCertsNamed, caInfo, sameName } from '../../engine/computed/ca';
import { certEvidence, newestRa, RA_KIND_LABEL, RA_KINDS } from '../../engine/computed/ra-certs';
import { probeEntries, servedCertEvidence } from '../../engine/computed/probe';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The RA certificates come from the configured CA',
  failureTitle: 'An RA certificate was issued by another CA',
  why: 'NDES signs requests for the CA in MSCEP\\CAInfo with its RA certificates; RA certificates from another or an older CA give NDES events 2 and 10, and after a CA renewal devices fail with 0x800B0109.',
  fix: 'Get both RA certificates from the configured CA again: reinstall the NDES role and the connector (S-CARENEW), or re-request them as in ra-certificates-present. Then iisreset. Reboot: no.',
  notRead:
    'certs/index.json was not read ({state}), so the RA certificates (defined by their private key) are unknown.',
  noCaInfo:
    'MSCEP\\CAInfo\\Configuration is not set, so there is no CA to compare with (see ca-configured).',
  noCaName:
    'MSCEP\\CAInfo\\Configuration ("{raw}") names no CA after a backslash, so there is no CA name to compare with.',
  noRa: 'There is no RA certificate with a private key to judge (see ra-certificates-present).',
  mismatch:
    'The newest {kind} RA certificate {thumbprint} was issued by "{issuer}", not by the configured CA "{caName}".',
  ok: 'The newest RA certificates were issued by the configured CA "{caName}".',
  rekey:
    'The {kind} RA certificate {thumbprint} names the right CA, but its authority key identifier {aki} matches no certificate of "{caName}" that GetCACert returned: the CA may have been renewed with a new key.',
  noIssuerCn: '(no CN)',
  caption: 'RA certificate AKI against the CA certificate SKI in the GetCACert answer',
  role: 'Newest {kind} RA certificate',
  caRole: 'CA certificate returned by GetCACert',
  yes: 'yes',
  no: 'no',
  notAvailable: 'not available',
};

export default defineRule({
  meta: {
    id: 'ra-certificates-issuer',
    step: 'ndes-to-ca',
    severity: 'high',
    requiredEvidence: ['certs', 'regMscep'],
    optionalEvidence: ['probe'],
    fixWizard: 'renew-ra-certificates',
  },
  strings,
  check: ({ certs, regMscep, probe }): CheckOutcome => {
    if (certs.state !== 'ok' || !certs.value || certs.value.indexState !== 'ok') {
      const state = certs.value?.indexState ?? certs.state;
      return { status: 'unknown', summary: fill(strings.notRead, { state }) };
    }
    const info = caInfo(regMscep);
    const evidence: EvidenceItem[] = [info.evidence];
    const caName = info.config?.caName;
    if (!info.config) return { status: 'not-applicable', summary: strings.noCaInfo, evidence };
    if (!caName) {
      return {
        status: 'not-applicable',
        summary: fill(strings.noCaName, { raw: info.config.raw }),
        evidence,
      };
    }
    const newest = newestRa(certs.value);
    const judged = RA_KINDS.flatMap((k) => {
      const cert = newest[k];
      return cert ? [{ kind: RA_KIND_LABEL[k], cert }] : [];
    });
    if (judged.length === 0) return { status: 'not-applicable', summary: strings.noRa, evidence };
    evidence.push(...judged.map((j) => certEvidence(j.cert, fill(strings.role, { kind: j.kind }))));

    // Detail only (CHECKS.md): the CA certificates GetCACert served, by subject CN = CA name.
    const served =
      probe.state === 'ok' && probe.value ? probeEntries(probe.value, 'getcacert') : [];
    const caCerts = served.flatMap((x) =>
      caCertsNamed(x.p7bCerts ?? [], caName).map((c) => ({ c, x })),
    );
    const skis = [...new Set(caCerts.flatMap(({ c }) => (c.ski ? [c.ski] : [])))];
    const seen = new Set<string>();
    for (const { c, x } of caCerts) {
      if (seen.has(c.thumbprint)) continue;
      seen.add(c.thumbprint);
      evidence.push(servedCertEvidence(c, x, strings.caRole));
    }
    const akiMatch = (aki: string | null) =>
      !aki || skis.length === 0
        ? strings.notAvailable
        : skis.includes(aki)
          ? strings.yes
          : strings.no;
    evidence.push({
      kind: 'table',
      caption: strings.caption,
      headers: ['Certificate', 'Thumbprint', 'Issuer CN', 'AKI', 'CA SKI', 'Match'],
      rows: judged.map(({ kind, cert }) => [
        kind,
        cert.thumbprint,
        cert.issuerCN ?? strings.noIssuerCn,
        cert.aki ?? strings.notAvailable,
        skis.join(', ') || strings.notAvailable,
        akiMatch(cert.aki),
      ]),
    });

    const wrong = judged.filter((j) => !j.cert.issuerCN || !sameName(j.cert.issuerCN, caName));
    const rekeyed = judged.filter((j) => !wrong.includes(j) && akiMatch(j.cert.aki) === strings.no);
    evidence.unshift(
      ...rekeyed.map(({ kind, cert }): EvidenceItem => ({
        kind: 'text',
        text: fill(strings.rekey, {
          kind,
          thumbprint: cert.thumbprint,
          aki: cert.aki ?? '',
          caName,
        }),
      })),
    );
    const mismatch = wrong.map(({ kind, cert }) =>
      fill(strings.mismatch, {
        kind,
        thumbprint: cert.thumbprint,
        issuer: cert.issuerCN ?? cert.issuer,
        caName,
      }),
    );
    if (mismatch.length === 0)
      return { status: 'pass', summary: fill(strings.ok, { caName }), evidence };
    evidence.unshift(...mismatch.slice(1).map((text): EvidenceItem => ({ kind: 'text', text })));
    return { status: 'fail', summary: mismatch[0] ?? '', evidence };
  },
});
