// Raises HTTP.sys MaxFieldLength and MaxRequestBytes to 65534 so long SCEP PKIOperation GETs are
// not refused before IIS sees them (SEED-CFG step 4, SEED-D2N 414, T-VALID #9). HTTP.sys reads
// these values when the driver starts: a reboot is needed, iisreset is not enough.
import type { Finding, Snapshot } from '../model';
import { isUnusable } from '../model';
import type { FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { HTTP_PARAMETERS_KEY, NDES_HTTPSYS_MINIMUM } from '../engine/computed/httpsys';
import { resolveSetting, scepSiteOf } from '../engine/computed/iis';
import { regNumber } from '../engine/computed/registry';
import { fill } from '../engine/computed/text';
import {
  buildPlan,
  guardPlan,
  refuse,
  regExportBackup,
  regKeyExists,
  regOld,
  regStep,
} from './common';
import type { FixWizard, WizardMeta } from './common';

export const strings = {
  title: 'Raise the HTTP.sys request limits',
  why: 'Devices send PKIOperation as a long GET URL; HTTP.sys refuses lines and requests over MaxFieldLength / MaxRequestBytes (default 16384) with 400 or 414 before IIS sees them.',
  change:
    'Sets the HTTP.sys limits listed in the steps to 65534 under HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters, after exporting the key. HTTP.sys reads them at boot: restart the server (iisreset does not apply them).',
  step: 'Set {name} = 65534',
  stepWhy: '{name} is {value}; long SCEP requests need 65534.',
  unset: 'not set (16384)',
  unreadable: 'registry/http-parameters.reg was not read, so the current limits are unknown.',
  nothing:
    'MaxFieldLength and MaxRequestBytes are already 65534 or more; the rejections come from IIS request filtering (use set-iis-request-limits) or from a proxy in front of NDES.',
  keyMissing: 'The HTTP\\Parameters key does not exist yet; reg add creates it.',
  iisToo:
    'IIS request filtering at the SCEP application is also below 65534: run set-iis-request-limits next.',
};

const SECTION = 'system.webServer/security/requestFiltering';

export const meta: WizardMeta = {
  id: 'set-httpsys-limits',
  checks: [
    'httpsys-max-field-length',
    'httpsys-max-request-bytes',
    'mscep-long-url-rejected',
    'mscep-long-url-ok',
  ],
  verifies: ['httpsys-max-field-length', 'httpsys-max-request-bytes'],
  title: strings.title,
};

/** True when maxUrl or maxQueryString at the SCEP application is below 65534 (defaults count). */
function iisLimitsLow(snapshot: Snapshot): boolean {
  const scep = scepSiteOf(snapshot.iisConfig);
  if (!scep) return false;
  const defaults = { maxUrl: 4096, maxQueryString: 2048 } as const;
  return (['maxUrl', 'maxQueryString'] as const).some((attr) => {
    const eff = resolveSetting(scep.cfg, scep.configPath, SECTION, 'requestLimits', attr).eff;
    const n = eff.value === null ? defaults[attr] : Number(eff.value.trim());
    return Number.isInteger(n) && n < NDES_HTTPSYS_MINIMUM;
  });
}

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const ev = snapshot.regHttpParameters;
    if (isUnusable(ev)) return refuse(strings.unreadable);
    const exists = ev.state === 'ok' && regKeyExists(ev, HTTP_PARAMETERS_KEY);
    const backup = exists ? regExportBackup(HTTP_PARAMETERS_KEY, 'http-parameters.reg') : undefined;
    const steps: FixStep[] = [];
    for (const name of ['MaxFieldLength', 'MaxRequestBytes']) {
      const old = regOld(ev, HTTP_PARAMETERS_KEY, name);
      const n = regNumber(old);
      if (n !== null && n >= NDES_HTTPSYS_MINIMUM) continue;
      steps.push(
        regStep({
          id: `set-${name.toLowerCase()}`,
          title: fill(strings.step, { name }),
          why: fill(strings.stepWhy, { name, value: n === null ? strings.unset : n }),
          key: HTTP_PARAMETERS_KEY,
          name,
          data: { type: 'REG_DWORD', value: NDES_HTTPSYS_MINIMUM },
          old,
          ...(backup && steps.length === 0 ? { backup } : {}),
          needsReboot: true,
        }),
      );
    }
    if (steps.length === 0) return refuse(strings.nothing);
    const iisToo = iisLimitsLow(snapshot);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: strings.change,
      steps,
      notes: [...(exists ? [] : [strings.keyMissing]), ...(iisToo ? [strings.iisToo] : [])],
      followUps: iisToo ? ['set-iis-request-limits'] : [],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
