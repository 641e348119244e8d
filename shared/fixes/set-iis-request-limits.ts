// Raises request filtering maxUrl / maxQueryString to 65534 at the SCEP application, the most specific
// level, against 404.14/404.15 (SEED-CFG, X-IISREQ, T-VALID #8). When a web.config sets the value an
// apphost <location> would lose to it, so appcmd then writes the application's web.config.
import type { Finding, Snapshot } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { resolveSetting, scepSiteOf } from '../engine/computed/iis';
import { fill } from '../engine/computed/text';
import { IIS_BACKUP, appcmdSetConfig, buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { dword } from './validate';

export const strings = {
  title: 'Raise the IIS request limits at /CertSrv/mscep',
  why: 'Devices send PKIOperation as a long GET URL; IIS request filtering answers 404.14 (URL) or 404.15 (query string) when it is longer than maxUrl or maxQueryString.',
  change:
    'Sets {settings} at {path} ({where}), after an IIS configuration backup. SEED-CFG asks for a server restart rather than iisreset.',
  step: 'Set request limits at {path}',
  stepWhy: 'The effective {settings} at {path} are below 65534.',
  apphost: 'in applicationHost.config',
  webConfig: "in the application's web.config, because a web.config sets the current value",
  noSite:
    'applicationHost.config has no application /CertSrv/mscep, so the request limits cannot be placed (see ndes-role-installed).',
  notNumber: 'The effective {attr} at {path} is "{value}", not a number; fix it by hand.',
  nothing: 'maxUrl and maxQueryString at {path} are already 65534 or more.',
  webConfigBackup:
    'appcmd add backup keeps applicationHost.config only; the web.config change is undone by the undo command.',
};

const SECTION = 'system.webServer/security/requestFiltering';
const MINIMUM = 65534;
const DEFAULTS = { maxUrl: 4096, maxQueryString: 2048 } as const;

export const meta: WizardMeta = {
  id: 'set-iis-request-limits',
  checks: ['iis-request-limits'],
  verifies: ['iis-request-limits'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const scep = scepSiteOf(snapshot.iisConfig);
    if (!scep) return refuse(strings.noSite);
    const { cfg, configPath } = scep;
    const settings = (['maxUrl', 'maxQueryString'] as const).map((attr) => {
      const eff = resolveSetting(cfg, configPath, SECTION, 'requestLimits', attr).eff;
      const value = eff.value === null ? DEFAULTS[attr] : Number(eff.value.trim());
      return { attr, eff, value };
    });
    const odd = settings.find((s) => !Number.isInteger(s.value) || s.value < 0);
    if (odd) {
      const values = { attr: odd.attr, path: configPath, value: odd.eff.value ?? '' };
      return refuse(fill(strings.notNumber, values));
    }
    const low = settings.filter((s) => s.value < MINIMUM);
    if (low.length === 0) return refuse(fill(strings.nothing, { path: configPath }));
    const inWebConfig = low.some(
      (s) => s.eff.file !== null && s.eff.file !== cfg.applicationHost.file,
    );
    const names = low.map((s) => `requestLimits@${s.attr}`).join(', ');
    const attrs = (v: (s: (typeof low)[number]) => number) =>
      low.map((s): [string, number] => [`requestLimits.${s.attr}`, dword(s.attr, v(s))]);
    const values = { settings: names, path: configPath };
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, {
        ...values,
        where: inWebConfig ? strings.webConfig : strings.apphost,
      }),
      steps: [
        {
          id: 'set-request-limits',
          kind: 'change',
          title: fill(strings.step, values),
          why: fill(strings.stepWhy, values),
          command: appcmdSetConfig(
            configPath,
            SECTION,
            attrs(() => MINIMUM),
            !inWebConfig,
          ),
          backup: IIS_BACKUP,
          undo: appcmdSetConfig(
            configPath,
            SECTION,
            attrs((s) => s.value),
            !inWebConfig,
          ),
          needsReboot: true,
          restarts: [],
        },
      ],
      notes: inWebConfig ? [strings.webConfigBackup] : [],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
