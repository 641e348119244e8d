// IIS `500 0 1346` on /certsrv/mscep/: Win32 1346 (0x542 ERROR_BAD_IMPERSONATION_LEVEL) means
// IIS_IUSRS lacks "Impersonate a client after authentication", so mscep.dll fails every request
// (S-DEV2NDES "status code 500", SEED-D2N, windows-itpro-docs PR #9187).
import { defineRule } from '../../engine/define-rule';
import {
  iisCoverage,
  iisDecoded,
  mscepGroups,
  sampleEvidence,
  scanGap,
} from '../../engine/computed/logs';
import { fill } from '../../engine/computed/text';
import { decodeHresult } from '../../decode/hresult';

const strings = {
  title: 'No SCEP request fails for lack of the impersonation right',
  failureTitle: 'SCEP requests fail with 500 0 1346 (impersonation right missing)',
  why: 'Without "Impersonate a client after authentication" for IIS_IUSRS, mscep.dll answers every device with HTTP 500 and no certificate is issued.',
  fix: 'See iis-iusrs-impersonate-right: secpol.msc → Local Policies → User Rights Assignment → "Impersonate a client after authentication" → add IIS_IUSRS (or change the domain GPO that sets it; check with gpresult /h report.html). Reboot: yes.',
  failed:
    '{count} SCEP requests in the 14 days before collection ended in 500 0 1346 (ERROR_BAD_IMPERSONATION_LEVEL), the last at {last}.',
  passed: 'No SCEP request in the 14 days before collection ended in 500 0 1346.',
  unavailable:
    'No 500 0 1346 was found in the readable IIS logs, but these log files could not be read: {files}.',
  noLogs:
    'No collected IIS log covers the 14 days before collection, so 500 0 1346 errors cannot be ruled out.',
  samples: 'HTTP 500 0 1346 on {operation} from {platform}',
};

export default defineRule({
  meta: {
    id: 'mscep-impersonation-500',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['iisLogs'],
    fixWizard: 'grant-impersonate-right',
  },
  strings,
  check: ({ iisLogs }, ctx) => {
    const hits = mscepGroups(iisLogs).filter(
      (g) => g.status === 500 && g.substatus === 0 && g.win32 === 1346,
    );
    if (hits.length > 0) {
      const count = hits.reduce((n, g) => n + g.count, 0);
      const last =
        hits
          .map((g) => g.last)
          .sort()
          .at(-1) ?? '';
      return {
        status: 'fail',
        summary: fill(strings.failed, { count, last }),
        evidence: hits.flatMap((g) =>
          sampleEvidence(
            g.samples,
            g.count,
            fill(strings.samples, { operation: g.operation || '-', platform: g.platform }),
          ),
        ),
        decoded: [...iisDecoded(hits), ...win32Decoded()],
      };
    }
    return (
      scanGap(iisCoverage(iisLogs, ctx.windowFromMs, ctx.nowMs), strings) ?? {
        status: 'pass',
        summary: strings.passed,
      }
    );
  },
});

function win32Decoded() {
  const d = decodeHresult(1346);
  return d
    ? [{ raw: d.raw, meaning: d.meaning, ...(d.checkId ? { checkId: d.checkId } : {}) }]
    : [];
}
