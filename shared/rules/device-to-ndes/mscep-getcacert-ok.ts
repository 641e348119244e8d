// GetCACert must return the CA plus the RA certificates NDES currently holds (RFC 8894 §4.2.1.1,
// AF §8): after an RA renewal NDES keeps serving the old pair until its pool restarts (T-HICKS),
// and Apple clients need both kinds (jscep #35). Compared by thumbprint per kind, per probed URL.
import { defineRule } from '../../engine/define-rule';
import type { CheckStatus, EvidenceItem, ProbeExchange, StoreCert } from '../../model';
import { RA_KIND_LABEL, RA_KINDS, certEvidence } from '../../engine/computed/ra-certs';
import type { RaKind } from '../../engine/computed/ra-certs';
import {
  currentRaCertificates,
  exchangeEvidence,
  probeEntries,
  servedCertEvidence,
  servedRaCerts,
  servedRaKind,
  shortUrl,
  worstStatus,
} from '../../engine/computed/probe';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'GetCACert serves the current RA certificates',
  failureTitle: 'GetCACert does not serve the current RA certificates',
  why: 'Devices encrypt and verify with the RA certificates GetCACert returns; a failing GetCACert, a missing kind or a stale certificate breaks every enrollment.',
  fix: 'Renew the RA certificates (see the ra-certificates-* checks), then run iisreset or appcmd recycle apppool /apppool.name:SCEP so NDES loads them. Reboot: no.',
  passed:
    'Every GetCACert probe ({total}) returned the current CEP Encryption and Enrollment Agent certificates.',
  probeAbsent: 'The collector did not probe the SCEP endpoint (probe/mscep.json is absent).',
  noEntry:
    'The collector probe holds no GetCACert request, so the served certificates cannot be judged.',
  noIndex:
    'certs/index.json was not read, so the RA certificates with private keys in LocalMachine\\My are unknown.',
  status: 'GetCACert on {url} answered HTTP {status} instead of 200.',
  transport: 'GetCACert on {url} got no HTTP answer: {error}.',
  noP7b: 'GetCACert on {url} answered 200, but its certificate bundle (.p7b) is not in the bundle.',
  badP7b: 'GetCACert on {url} answered 200, but its certificate bundle {file} could not be read.',
  missingKind: 'GetCACert on {url} returns no {kind} RA certificate.',
  stale:
    'GetCACert on {url} returns the {kind} RA certificate {thumbprint}, which is not a currently valid RA certificate of that kind in LocalMachine\\My.',
  kindUnknown: 'unrecognized',
  served: 'Returned by GetCACert on {url}',
  current: 'Currently valid RA certificate in LocalMachine\\My',
  caption: 'GetCACert probe',
};

interface Judged {
  status: CheckStatus;
  problems: string[];
  evidence: EvidenceItem[];
}

function judge(x: ProbeExchange, valid: Record<RaKind, StoreCert[]>): Judged {
  const url = shortUrl(x.url);
  const evidence: EvidenceItem[] = [exchangeEvidence(strings.caption, x)];
  if (x.status === null) {
    const problem = fill(strings.transport, { url, error: x.error ?? '-' });
    return { status: 'fail', problems: [problem], evidence };
  }
  if (x.status !== 200) {
    return {
      status: 'fail',
      problems: [fill(strings.status, { url, status: x.status })],
      evidence,
    };
  }
  if (!x.p7bCerts) {
    const problem = x.p7bFile
      ? fill(strings.badP7b, { url, file: x.p7bFile })
      : fill(strings.noP7b, { url });
    return { status: 'unknown', problems: [problem], evidence };
  }
  const served = servedRaCerts(x.p7bCerts);
  const problems: string[] = [];
  for (const kind of RA_KINDS) {
    if (!served.some((c) => servedRaKind(c) === kind)) {
      problems.push(fill(strings.missingKind, { url, kind: RA_KIND_LABEL[kind] }));
    }
  }
  for (const c of served) {
    const kind = servedRaKind(c);
    const pool = kind ? valid[kind] : [...valid['cep-encryption'], ...valid['enrollment-agent']];
    if (!pool.some((v) => v.thumbprint === c.thumbprint)) {
      const label = kind ? RA_KIND_LABEL[kind] : strings.kindUnknown;
      problems.push(fill(strings.stale, { url, kind: label, thumbprint: c.thumbprint }));
    }
    evidence.push(servedCertEvidence(c, x, fill(strings.served, { url })));
  }
  return { status: problems.length > 0 ? 'fail' : 'pass', problems, evidence };
}

export default defineRule({
  meta: {
    id: 'mscep-getcacert-ok',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['probe', 'certs'],
    fixWizard: 'renew-ra-certificates',
  },
  strings,
  check: ({ probe, certs }, ctx) => {
    if (probe.state !== 'ok' || !probe.value)
      return { status: 'unknown', summary: strings.probeAbsent };
    const entries = probeEntries(probe.value, 'getcacert');
    if (entries.length === 0) return { status: 'unknown', summary: strings.noEntry };
    if (certs.state !== 'ok' || !certs.value || certs.value.indexState !== 'ok') {
      return { status: 'unknown', summary: strings.noIndex };
    }
    const valid = currentRaCertificates(certs.value, ctx.nowMs);
    const judged = entries.map((x) => judge(x, valid));
    const status = worstStatus(judged.map((j) => j.status));
    const problems = judged.filter((j) => j.status === status).flatMap((j) => j.problems);
    const current = [...valid['cep-encryption'], ...valid['enrollment-agent']].map((c) =>
      certEvidence(c, strings.current),
    );
    const details = problems.slice(1).map((text): EvidenceItem => ({ kind: 'text', text }));
    return {
      status,
      summary:
        status === 'pass' ? fill(strings.passed, { total: entries.length }) : (problems[0] ?? ''),
      evidence: [...details, ...judged.flatMap((j) => j.evidence), ...current],
    };
  },
});
