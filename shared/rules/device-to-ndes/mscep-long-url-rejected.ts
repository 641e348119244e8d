// SCEP requests rejected for their length: IIS 404.14/404.15/414 on /certsrv/mscep/, or HTTP.sys
// FieldLength/RequestLength/URL(_Length) rows in HTTPERR, which IIS never sees (S-DEV2NDES 414,
// SEED-D2N, X-IISREQ, X-HTTPERR). PKIOperation GETs carry the whole request in the URL.
import { defineRule } from '../../engine/define-rule';
import {
  httpErrCoverage,
  httpErrDecoded,
  httpErrTable,
  iisCode,
  iisCoverage,
  iisDecoded,
  mscepGroups,
  sampleEvidence,
  scanGap,
} from '../../engine/computed/logs';
import { fill } from '../../engine/computed/text';
import { LONG_URL_REASONS } from '../../parse/httperr-log';

const strings = {
  title: 'No SCEP request is rejected for its length',
  failureTitle: 'Long SCEP requests are rejected by IIS or HTTP.sys',
  why: 'Devices send PKIOperation as a long GET URL; when IIS request filtering or HTTP.sys limits reject it, GetCACert works but enrollment fails.',
  fix: 'See httpsys-max-field-length, httpsys-max-request-bytes and iis-request-limits: set HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters MaxFieldLength and MaxRequestBytes to 65534, and requestFiltering/requestLimits maxUrl and maxQueryString to 65534 on the SCEP application. Reboot: yes.',
  failed:
    'In the 14 days before collection, {iis} IIS lines and {httperr} HTTPERR rows show SCEP requests rejected for their length.',
  unattributed:
    '{count} HTTPERR rows in the 14 days before collection were rejected for their length ({reasons}) without a logged URL, so they cannot be tied to SCEP.',
  passed:
    'No SCEP request in the 14 days before collection was rejected for its length by IIS or HTTP.sys.',
  unavailable:
    'No length rejection was found in the readable logs, but these files could not be read: {files}.',
  noLogs:
    'No collected IIS log covers the 14 days before collection, so length rejections cannot be ruled out.',
  iisSamples: 'IIS {code} on {operation}',
  httpErrSamples: 'HTTPERR {reason} (HTTP {status})',
  httpErrTable: 'HTTPERR length rejections (last 14 days)',
};

const isLongUrlReason = (r: string) =>
  [...LONG_URL_REASONS].some((x) => x.toLowerCase() === r.toLowerCase());

export default defineRule({
  meta: {
    id: 'mscep-long-url-rejected',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: [],
    optionalEvidence: ['iisLogs', 'httpErr'],
    fixWizard: 'set-httpsys-limits',
  },
  strings,
  check: ({ iisLogs, httpErr }, ctx) => {
    const iis = mscepGroups(iisLogs).filter(
      (g) => (g.status === 404 && (g.substatus === 14 || g.substatus === 15)) || g.status === 414,
    );
    const rows =
      httpErr.state === 'ok' && httpErr.value
        ? httpErr.value.groups.filter((g) => isLongUrlReason(g.reason))
        : [];
    const mscep = rows.filter((g) => g.uriClass === 'mscep');
    const none = rows.filter((g) => g.uriClass === 'none');
    const shown = [...mscep, ...none];
    const evidence = [
      ...iis.flatMap((g) =>
        sampleEvidence(
          g.samples,
          g.count,
          fill(strings.iisSamples, { code: iisCode(g), operation: g.operation || '-' }),
        ),
      ),
      ...(shown.length > 0 ? [httpErrTable(strings.httpErrTable, shown)] : []),
      ...shown.flatMap((g) =>
        sampleEvidence(
          g.samples,
          g.count,
          fill(strings.httpErrSamples, { reason: g.reason, status: g.status ?? '-' }),
        ),
      ),
    ];
    const decoded = [...iisDecoded(iis), ...httpErrDecoded(shown)];
    const sum = (gs: readonly { count: number }[]) => gs.reduce((n, g) => n + g.count, 0);
    if (iis.length > 0 || mscep.length > 0) {
      const summary = fill(strings.failed, { iis: sum(iis), httperr: sum(mscep) });
      return { status: 'fail', summary, evidence, decoded };
    }
    if (none.length > 0) {
      const reasons = [...new Set(none.map((g) => g.reason))].join(', ');
      const summary = fill(strings.unattributed, { count: sum(none), reasons });
      return { status: 'warn', summary, evidence, decoded };
    }
    const iisCov = iisCoverage(iisLogs, ctx.windowFromMs, ctx.nowMs);
    return (
      scanGap(iisCov, strings, [httpErrCoverage(httpErr)]) ?? {
        status: 'pass',
        summary: strings.passed,
      }
    );
  },
});
