// The collector's synthetic long PKIOperation GET (T-URL uses up to 31 KB): 400, 404 or 414 means
// a URL length limit of HTTP.sys, IIS request filtering or a proxy still blocks real enrollments
// (T-URL, M-SCEPCFG, S-DEV2NDES). Every probed URL (local and external) is judged; worst wins.
import { defineRule } from '../../engine/define-rule';
import type { CheckStatus, Decoded, ProbeExchange } from '../../model';
import { exchangeEvidence, probeEntries, shortUrl, worstStatus } from '../../engine/computed/probe';
import { fill } from '../../engine/computed/text';
import { decodeIisStatus } from '../../decode/iis-status';

const strings = {
  title: 'Long SCEP URLs get through',
  failureTitle: 'Long SCEP URLs are rejected',
  why: 'Devices send PKIOperation as a GET with the whole signed request in the URL; a length limit on the way answers 400, 404 or 414 and enrollment fails.',
  fix: "See mscep-long-url-rejected: set HTTP.sys MaxFieldLength and MaxRequestBytes to 65534 (HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters) and the SCEP application's requestLimits maxUrl and maxQueryString to 65534. Reboot: yes.",
  passed: 'The long-URL probe got through on every probed URL: {results}.',
  failed: 'The long-URL probe was rejected on {count} of {total} probed URLs: {results}.',
  transportOnly:
    'The long-URL probe got no HTTP answer on {count} of {total} probed URLs, so the length limits cannot be judged: {results}.',
  noEntry: 'The collector probe holds no long-URL request, so the length limits cannot be judged.',
  probeAbsent: 'The collector did not probe the SCEP endpoint (probe/mscep.json is absent).',
  noAnswer: 'no HTTP answer',
  notFound:
    'HTTP 404 on a long URL is IIS request filtering: 404.14 (maxUrl) or 404.15 (maxQueryString).',
  caption: 'Long-URL probe',
};

const REJECTED = new Set([400, 404, 414]);

function statusOf(x: ProbeExchange): CheckStatus {
  if (x.status === null) return 'unknown';
  return REJECTED.has(x.status) ? 'fail' : 'pass';
}

function decode(status: number): Decoded | null {
  const raw = `HTTP ${status}`;
  if (status === 404) return { raw, meaning: strings.notFound, checkId: 'iis-request-limits' };
  const d = decodeIisStatus(status, 0, 0, 'mscep');
  return d ? { raw, meaning: d.meaning, ...(d.checkId ? { checkId: d.checkId } : {}) } : null;
}

export default defineRule({
  meta: {
    id: 'mscep-long-url-ok',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['probe'],
    fixWizard: 'set-httpsys-limits',
  },
  strings,
  check: ({ probe }) => {
    if (probe.state !== 'ok' || !probe.value)
      return { status: 'unknown', summary: strings.probeAbsent };
    const entries = probeEntries(probe.value, 'long-url');
    if (entries.length === 0) return { status: 'unknown', summary: strings.noEntry };
    const status = worstStatus(entries.map(statusOf));
    const shown = status === 'pass' ? entries : entries.filter((x) => statusOf(x) === status);
    const results = shown
      .map(
        (x) =>
          `${shortUrl(x.url)} (${x.status === null ? (x.error ?? strings.noAnswer) : `HTTP ${x.status}`})`,
      )
      .join(', ');
    const template =
      status === 'fail'
        ? strings.failed
        : status === 'unknown'
          ? strings.transportOnly
          : strings.passed;
    const decoded = [...new Set(shown.flatMap((x) => (x.status === null ? [] : [x.status])))]
      .map(decode)
      .filter((d): d is Decoded => d !== null && status === 'fail');
    return {
      status,
      summary: fill(template, { count: shown.length, total: entries.length, results }),
      evidence: entries.map((x) => exchangeEvidence(strings.caption, x)),
      decoded,
    };
  },
});
