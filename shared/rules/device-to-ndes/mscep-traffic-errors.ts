// Devices' SCEP requests that IIS answered with 500 or 503 (CHECKS.md mscep-traffic-errors, §4.1):
// NDES failed inside mscep.dll or its pool was down, so GetCACert/GetCACaps/PKIOperation broke
// (S-DEV2NDES, SEED-D2N). The collector probe's own lines are already left out of the summary.
import { defineRule } from '../../engine/define-rule';
import {
  iisCode,
  iisCoverage,
  iisDecoded,
  mscepGroups,
  requestTable,
  sampleEvidence,
  scanGap,
} from '../../engine/computed/logs';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'SCEP requests in the IIS logs succeed',
  failureTitle: 'SCEP requests in the IIS logs end in HTTP 500 or 503',
  why: 'A 500 or 503 on /certsrv/mscep/ means devices fail at GetCACert, GetCACaps or PKIOperation before NDES can issue anything.',
  fix: 'Follow the decoded cause: 500 0 1346 → iis-iusrs-impersonate-right; other 500 → service-account-enabled and the RA certificate checks; 503 → scep-apppool-running and scep-apppool-crashes. Reboot: per the linked check.',
  failed:
    '{count} SCEP requests in the 14 days before collection ended in HTTP 500 or 503 ({codes}).',
  passed:
    'None of the {total} SCEP requests in the 14 days before collection ended in HTTP 500 or 503.',
  passedNone: 'The IIS logs of the 14 days before collection hold no SCEP request, so none failed.',
  unavailable:
    'No SCEP request in the readable IIS logs ended in 500 or 503, but these log files could not be read: {files}.',
  noLogs:
    'No collected IIS log covers the 14 days before collection, so the SCEP traffic cannot be judged.',
  table: 'SCEP requests by result, operation and platform (last 14 days)',
  samples: 'HTTP {code} on {operation} from {platform}',
};

const MAX_SAMPLE_GROUPS = 10;

export default defineRule({
  meta: {
    id: 'mscep-traffic-errors',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['iisLogs'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ iisLogs }, ctx) => {
    const groups = mscepGroups(iisLogs);
    const bad = groups.filter((g) => g.status === 500 || g.status === 503);
    const table = requestTable(strings.table, groups);
    if (bad.length > 0) {
      const count = bad.reduce((n, g) => n + g.count, 0);
      const codes = [...new Set(bad.map(iisCode))].join(', ');
      const samples = bad.slice(0, MAX_SAMPLE_GROUPS).flatMap((g) =>
        sampleEvidence(
          g.samples,
          g.count,
          fill(strings.samples, {
            code: iisCode(g),
            operation: g.operation || '-',
            platform: g.platform,
          }),
        ),
      );
      return {
        status: 'fail',
        summary: fill(strings.failed, { count, codes }),
        evidence: [table, ...samples],
        decoded: iisDecoded([...bad, ...groups]),
      };
    }
    const gap = scanGap(iisCoverage(iisLogs, ctx.windowFromMs, ctx.nowMs), strings);
    if (gap) return { ...gap, evidence: [...(gap.evidence ?? []), table] };
    const total = groups.reduce((n, g) => n + g.count, 0);
    return {
      status: 'pass',
      summary: total > 0 ? fill(strings.passed, { total }) : strings.passedNone,
      evidence: groups.length > 0 ? [table] : [],
      decoded: iisDecoded(groups),
    };
  },
});
