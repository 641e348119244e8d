// Turns anonymous authentication back on at the SCEP application, where NDES setup writes it
// (T-HICKS, AF §2): devices present no Windows credentials and otherwise get HTTP 401. The section
// is locked to applicationHost.config (overrideModeDefault="Deny"), so the change commits there.
import type { Finding, Snapshot } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { resolveSetting, scepSiteOf } from '../engine/computed/iis';
import { fill } from '../engine/computed/text';
import { IIS_BACKUP, appcmdSetConfig, buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';

export const strings = {
  title: 'Enable anonymous authentication on /CertSrv/mscep',
  why: 'Devices present no Windows credentials to mscep.dll; without anonymous authentication IIS answers HTTP 401.',
  change:
    'Sets anonymousAuthentication enabled="true" at {path} in applicationHost.config, after an IIS configuration backup. IIS applies it at once; no reboot.',
  step: 'Enable anonymous authentication at {path}',
  stepWhy: 'The effective value at {path} is enabled="{value}" (set by {location}).',
  noSite: 'applicationHost.config has no application /CertSrv/mscep (see ndes-role-installed).',
  already: 'Anonymous authentication is already enabled at {path}.',
};

const SECTION = 'system.webServer/security/authentication/anonymousAuthentication';

export const meta: WizardMeta = {
  id: 'enable-mscep-anonymous-auth',
  checks: ['mscep-anonymous-auth'],
  verifies: ['mscep-anonymous-auth'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const scep = scepSiteOf(snapshot.iisConfig);
    if (!scep) return refuse(strings.noSite);
    const { cfg, configPath: path } = scep;
    const eff = resolveSetting(cfg, path, SECTION, '', 'enabled').eff;
    const value = eff.value?.trim().toLowerCase() ?? '';
    if (value === 'true') return refuse(fill(strings.already, { path }));
    const values = { path, value: eff.value ?? '', location: eff.location };
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, values),
      steps: [
        {
          id: 'enable-anonymous',
          kind: 'change',
          title: fill(strings.step, values),
          why: fill(strings.stepWhy, values),
          command: appcmdSetConfig(path, SECTION, [['enabled', true]], true),
          backup: IIS_BACKUP,
          undo: appcmdSetConfig(path, SECTION, [['enabled', false]], true),
          needsReboot: false,
          restarts: [],
        },
      ],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
