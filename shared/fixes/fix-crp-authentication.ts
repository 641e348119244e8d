// Sets the legacy connector's CertificateRegistrationSvc to anonymous authentication only (anonymous
// on, Windows off); with Windows authentication on, the SCEP pool crashes and devices get 503
// (S-DEV2NDES cause 3, SEED-D2N). SEED-D2N restarts the server after both commands.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { resolveSetting, scepSiteOf } from '../engine/computed/iis';
import { fill } from '../engine/computed/text';
import { findAppSite } from '../parse/application-host';
import { IIS_BACKUP, appcmdSetConfig, buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';

export const strings = {
  title: 'Use anonymous authentication only on CertificateRegistrationSvc',
  why: 'The legacy policy module calls CertificateRegistrationSvc without Windows credentials; with Windows authentication on or anonymous off, the SCEP pool crashes and devices get HTTP 503.',
  change:
    'At {path}: anonymous authentication on and Windows authentication off, in applicationHost.config, after an IIS configuration backup. Restart the server afterwards (SEED-D2N).',
  anonymous: 'Enable anonymous authentication at {path}',
  anonymousWhy: 'The effective anonymousAuthentication@enabled is "{value}" (set by {location}).',
  windows: 'Disable Windows authentication at {path}',
  windowsWhy: 'The effective windowsAuthentication@enabled is "{value}" (set by {location}).',
  noConfig: 'applicationHost.config was not read.',
  nothing: 'At {path}, anonymous authentication is on and Windows authentication is off already.',
  unset: '(unset)',
};

const AUTH = 'system.webServer/security/authentication';
const CRP_APP = '/CertificateRegistrationSvc';

export const meta: WizardMeta = {
  id: 'fix-crp-authentication',
  checks: ['crp-authentication'],
  verifies: ['crp-authentication'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    if (!isOk(snapshot.iisConfig)) return refuse(strings.noConfig);
    const cfg = snapshot.iisConfig.value;
    const site =
      findAppSite(cfg, CRP_APP)?.site.name ?? scepSiteOf(snapshot.iisConfig)?.site.site.name;
    const path = `${site ?? 'Default Web Site'}${CRP_APP}`;
    const steps: FixStep[] = [];
    const targets = [
      { name: 'anonymous', section: `${AUTH}/anonymousAuthentication`, want: true },
      { name: 'windows', section: `${AUTH}/windowsAuthentication`, want: false },
    ] as const;
    for (const t of targets) {
      const eff = resolveSetting(cfg, path, t.section, '', 'enabled').eff;
      // An unset windowsAuthentication keeps the schema default, enabled="false".
      const now = eff.value?.trim().toLowerCase() ?? (t.name === 'windows' ? 'false' : '');
      if (now === String(t.want)) continue;
      const old = now === 'true' || now === 'false' ? now === 'true' : !t.want;
      const v = { path, value: eff.value ?? strings.unset, location: eff.location };
      steps.push({
        id: `${t.name}-authentication`,
        kind: 'change',
        title: fill(t.name === 'anonymous' ? strings.anonymous : strings.windows, v),
        why: fill(t.name === 'anonymous' ? strings.anonymousWhy : strings.windowsWhy, v),
        command: appcmdSetConfig(path, t.section, [['enabled', t.want]], true),
        ...(steps.length === 0 ? { backup: IIS_BACKUP } : {}),
        undo: appcmdSetConfig(path, t.section, [['enabled', old]], true),
        needsReboot: true,
        restarts: [],
      });
    }
    if (steps.length === 0) return refuse(fill(strings.nothing, { path }));
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { path }),
      steps,
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
