// A bare GET of /certsrv/mscep/mscep.dll must answer 403 once the Intune policy module is loaded;
// the generic NDES page (200), 500, 503 or 414 each name a different broken layer (S-DEV2NDES,
// SEED-D2N, T-VALID #16). Judged per probed URL: local and every external (proxy) URL.
import { defineRule } from '../../engine/define-rule';
import type { Decoded, ProbeExchange } from '../../model';
import {
  exchangeEvidence,
  isExternalUrl,
  isNdesPage,
  probeEntries,
} from '../../engine/computed/probe';
import { fill } from '../../engine/computed/text';
import { decodeIisStatus } from '../../decode/iis-status';

const strings = {
  title: 'The SCEP endpoint answers 403 Forbidden',
  failureTitle: 'The SCEP endpoint does not answer 403 Forbidden',
  why: 'With the Intune policy module loaded, a bare request to mscep.dll gets "HTTP Error 403.0 – Forbidden"; any other answer shows which layer in front of or inside NDES is broken.',
  fix: 'On 200 (the generic NDES page), read SetupMsi.log and reinstall the connector; if the install succeeded, run iisreset (or reboot). For other codes see the linked checks: 500 → service-account-enabled and the RA certificate checks, 503 → scep-apppool-running, 414 → iis-request-limits, GatewayTimeout → app-proxy-connector-running.',
  passed: 'All {total} probed SCEP base URLs answered 403 Forbidden: {urls}.',
  failed: '{count} of {total} probed SCEP base URLs did not answer 403 Forbidden: {results}.',
  noEntry:
    'The collector probe holds no request to the SCEP base URL, so the endpoint cannot be judged.',
  probeAbsent: 'The collector did not probe the SCEP endpoint (probe/mscep.json is absent).',
  noAnswer: 'no HTTP answer',
  ndesPage:
    'HTTP 200 with the generic "Network Device Enrollment Service" page: the Intune policy module is not loaded (read SetupMsi.log, reinstall the connector, then iisreset).',
  other200:
    'HTTP 200 without the NDES page: something other than mscep.dll answered (a proxy or a custom page).',
  gatewayTimeout:
    'GatewayTimeout on an external URL: the App Proxy connector is not running or cannot reach NDES.',
  externalUnreachable:
    'No answer on an external URL ("This page can\'t be displayed"): the App Proxy external URL is wrong or not published.',
  localUnreachable:
    'No HTTP answer from this server: the HTTPS binding, its certificate or the listening port is broken.',
  caption: 'Base URL probe',
};

function decodeBase(x: ProbeExchange, external: boolean): Decoded | null {
  const raw = x.status === null ? (x.error ?? strings.noAnswer) : `HTTP ${x.status}`;
  const gateway = x.status === 504 || /gateway\s*time-?out/i.test(x.error ?? '');
  if (external && gateway) {
    return { raw, meaning: strings.gatewayTimeout, checkId: 'app-proxy-connector-running' };
  }
  if (x.status === null) {
    return { raw, meaning: external ? strings.externalUnreachable : strings.localUnreachable };
  }
  if (x.status === 200) {
    return isNdesPage(x)
      ? { raw, meaning: strings.ndesPage, checkId: 'policy-module-configured' }
      : { raw, meaning: strings.other200 };
  }
  const d = decodeIisStatus(x.status, 0, 0, 'mscep');
  return d ? { raw, meaning: d.meaning, ...(d.checkId ? { checkId: d.checkId } : {}) } : null;
}

export default defineRule({
  meta: {
    id: 'mscep-endpoint-403',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['probe'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ probe }, ctx) => {
    if (probe.state !== 'ok' || !probe.value)
      return { status: 'unknown', summary: strings.probeAbsent };
    const base = probeEntries(probe.value, 'base');
    if (base.length === 0) return { status: 'unknown', summary: strings.noEntry };
    const evidence = base.map((x) => exchangeEvidence(strings.caption, x));
    const bad = base.filter((x) => x.status !== 403);
    const total = base.length;
    if (bad.length === 0) {
      const urls = base.map((x) => x.url).join(', ');
      return { status: 'pass', summary: fill(strings.passed, { total, urls }), evidence };
    }
    const decoded = new Map<string, Decoded>();
    for (const x of bad) {
      const d = decodeBase(x, isExternalUrl(x.url, ctx.manifest));
      if (d) decoded.set(`${d.raw}|${d.meaning}`, d);
    }
    const results = bad
      .map((x) => `${x.url} (${x.status === null ? strings.noAnswer : `HTTP ${x.status}`})`)
      .join(', ');
    return {
      status: 'fail',
      summary: fill(strings.failed, { count: bad.length, total, results }),
      evidence,
      decoded: [...decoded.values()],
    };
  },
});
