// Devices call mscep.dll without credentials, so anonymous authentication must be effective at
// the mscep location (NDES setup writes enabled="true" there; T-HICKS, AF §2). The section is
// overrideModeDefault="Deny": web.config files only count where a <location> unlocks it.
import { defineRule } from '../../engine/define-rule';
import { ignoredDefinitions, resolveSetting, scepSiteOf } from '../../engine/computed/iis';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome } from '../../model';

const strings = {
  title: 'Anonymous authentication is enabled on /CertSrv/mscep',
  failureTitle: 'Anonymous authentication is disabled on /CertSrv/mscep',
  why: 'Devices present no Windows credentials to mscep.dll; without anonymous authentication IIS answers HTTP 401.',
  fix: '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/CertSrv/mscep" -section:system.webServer/security/authentication/anonymousAuthentication -enabled:true -commit:apphost. No reboot needed.',
  noSite:
    'applicationHost.config has no application /CertSrv/mscep, so its authentication cannot be resolved (see ndes-role-installed).',
  unset: 'No configuration level sets anonymousAuthentication@enabled for {path}.',
  enabled: 'Anonymous authentication is enabled at {path} (set by {location}).',
  disabled:
    'Anonymous authentication is disabled at {path} (set by {location}), so devices get HTTP 401.',
  odd: 'anonymousAuthentication@enabled at {path} is "{value}", which IIS does not accept as true or false.',
  ignoredCaption: 'web.config settings IIS ignores because the section is locked',
};

const AUTH = 'system.webServer/security/authentication';

export default defineRule({
  meta: {
    id: 'mscep-anonymous-auth',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['iisConfig'],
    fixWizard: 'enable-mscep-anonymous-auth',
  },
  strings,
  check: ({ iisConfig }): CheckOutcome => {
    const scep = scepSiteOf(iisConfig);
    if (!scep) return { status: 'unknown', summary: strings.noSite };
    const { cfg, configPath } = scep;
    const anon = resolveSetting(cfg, configPath, `${AUTH}/anonymousAuthentication`, '', 'enabled');
    const windows = resolveSetting(cfg, configPath, `${AUTH}/windowsAuthentication`, '', 'enabled');
    const evidence = [
      anon.evidence,
      windows.evidence,
      ...ignoredDefinitions([anon, windows], strings.ignoredCaption),
    ];
    const value = anon.eff.value?.trim().toLowerCase();
    const values = { path: configPath, location: anon.eff.location, value: anon.eff.value ?? '' };
    if (value === undefined)
      return { status: 'unknown', summary: fill(strings.unset, values), evidence };
    if (value === 'true')
      return { status: 'pass', summary: fill(strings.enabled, values), evidence };
    if (value === 'false')
      return { status: 'fail', summary: fill(strings.disabled, values), evidence };
    return { status: 'unknown', summary: fill(strings.odd, values), evidence };
  },
});
