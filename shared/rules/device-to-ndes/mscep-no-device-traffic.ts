// Whether any enrolling device (iOS, Android, Windows by User-Agent, CHECKS.md §5) reached
// /certsrv/mscep/ in the window: none at all points at the network, proxy or profile URL in front
// of NDES rather than at NDES itself (SEED-D2N: "if the request is not logged…").
import { defineRule } from '../../engine/define-rule';
import {
  iisCoverage,
  mscepGroups,
  requestTable,
  sampleEvidence,
  scanGap,
} from '../../engine/computed/logs';
import { fill } from '../../engine/computed/text';
import { DEVICE_PLATFORMS } from '../../decode/user-agent';

const strings = {
  title: 'Devices reach the SCEP endpoint',
  failureTitle: 'No device traffic reaches the SCEP endpoint',
  why: 'When no iOS, Android or Windows device request is logged, devices are blocked before NDES: wrong SCEP server URL in the profile, the reverse proxy, or the network.',
  fix: 'Check the SCEP server URL in the Intune profile, the reverse proxy in front of NDES (App Proxy, WAP or third party) and TCP 443 to NDES. Then check mscep-endpoint-403 on the external URL. Reboot: no.',
  passed:
    '{count} SCEP requests from devices ({platforms}) reached IIS in the 14 days before collection, the last at {last}.',
  none: 'No SCEP request from an iOS, Android or Windows device reached IIS in the 14 days before collection.',
  unavailable:
    'No device request was found in the readable IIS logs, but these log files could not be read: {files}.',
  noLogs:
    'No collected IIS log covers the 14 days before collection, so device traffic cannot be judged.',
  deviceTable: 'SCEP requests from devices (last 14 days)',
  otherTable: 'Other SCEP requests (not from devices)',
  samples: 'Latest {platform} request',
};

export default defineRule({
  meta: {
    id: 'mscep-no-device-traffic',
    step: 'device-to-ndes',
    severity: 'medium',
    requiredEvidence: ['iisLogs'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ iisLogs }, ctx) => {
    const groups = mscepGroups(iisLogs);
    const devices = groups.filter((g) => DEVICE_PLATFORMS.has(g.platform));
    if (devices.length > 0) {
      const count = devices.reduce((n, g) => n + g.count, 0);
      const platforms = [...new Set(devices.map((g) => g.platform))].sort().join(', ');
      const latest = [...devices].sort((a, b) => b.last.localeCompare(a.last))[0]!;
      const sample = latest.samples.at(-1);
      return {
        status: 'pass',
        summary: fill(strings.passed, { count, platforms, last: latest.last }),
        evidence: [
          requestTable(strings.deviceTable, devices),
          ...(sample
            ? sampleEvidence(
                [sample],
                latest.count,
                fill(strings.samples, { platform: latest.platform }),
              )
            : []),
        ],
      };
    }
    const others = groups.length > 0 ? [requestTable(strings.otherTable, groups)] : [];
    const gap = scanGap(iisCoverage(iisLogs, ctx.windowFromMs, ctx.nowMs), strings);
    if (gap) return { ...gap, evidence: [...(gap.evidence ?? []), ...others] };
    return { status: 'warn', summary: strings.none, evidence: others };
  },
});
