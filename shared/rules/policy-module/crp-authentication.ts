// The legacy connector's CertificateRegistrationSvc must run with anonymous authentication on and
// Windows authentication off; with Windows authentication on, the SCEP pool crashes and devices get
// HTTP 503 (S-DEV2NDES cause 3, SEED-D2N, X-SEC #35).
import { defineRule } from '../../engine/define-rule';
import { connectorPresence } from '../../engine/computed/connector';
import { ignoredDefinitions, resolveSetting, scepSiteOf } from '../../engine/computed/iis';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem } from '../../model';
import { isOk } from '../../model';
import { findAppSite } from '../../parse/application-host';

const strings = {
  title: 'CertificateRegistrationSvc uses anonymous authentication only',
  failureTitle: 'CertificateRegistrationSvc authentication is misconfigured',
  why: 'The legacy policy module calls CertificateRegistrationSvc without Windows credentials; with Windows authentication on or anonymous off, the SCEP pool crashes and devices get HTTP 503.',
  fix: 'Run both commands, then restart the server: appcmd set config "Default Web Site/CertificateRegistrationSvc" -section:system.webServer/security/authentication/anonymousAuthentication -enabled:true -commit:apphost; appcmd set config "Default Web Site/CertificateRegistrationSvc" -section:system.webServer/security/authentication/windowsAuthentication -enabled:false -commit:apphost',
  noLegacy:
    'The legacy Intune connector is not installed, so CertificateRegistrationSvc is not used.',
  presenceUnknown:
    'Whether the legacy Intune connector is installed cannot be told, because these sources could not be read: {files}.',
  noConfig:
    'applicationHost.config is absent, so the CertificateRegistrationSvc authentication cannot be resolved.',
  passed: 'At {path}, anonymous authentication is enabled and Windows authentication is disabled.',
  windowsOn: 'At {path}, Windows authentication is enabled (set by {location}).',
  anonymousOff: 'At {path}, anonymous authentication is disabled (set by {location}).',
  anonymousUnset: 'No configuration level sets anonymousAuthentication@enabled for {path}.',
  odd: '{setting} at {path} is "{value}", which IIS does not accept as true or false.',
  ignoredCaption: 'web.config settings IIS ignores because the section is locked',
};

const AUTH = 'system.webServer/security/authentication';
const CRP_APP = '/CertificateRegistrationSvc';

export default defineRule({
  meta: {
    id: 'crp-authentication',
    step: 'policy-module',
    severity: 'high',
    // iisConfig is optional so that a host without the legacy connector is not-applicable even
    // when the config could not be read.
    requiredEvidence: [],
    optionalEvidence: ['iisConfig', 'installedProducts', 'services', 'regIntune'],
    fixWizard: 'fix-crp-authentication',
  },
  strings,
  check: ({ iisConfig, installedProducts, services, regIntune }): CheckOutcome => {
    const presence = connectorPresence({ installedProducts, services, regIntune });
    if (presence.legacy === 'absent')
      return { status: 'not-applicable', summary: strings.noLegacy };
    if (!isOk(iisConfig))
      return { status: 'unknown', summary: fill(strings.noConfig, { state: iisConfig.state }) };
    const cfg = iisConfig.value;
    // The site that holds the CRP application; else the SCEP site (both are Default Web Site).
    const site = findAppSite(cfg, CRP_APP)?.site.name ?? scepSiteOf(iisConfig)?.site.site.name;
    const path = `${site ?? 'Default Web Site'}${CRP_APP}`;
    const anon = resolveSetting(cfg, path, `${AUTH}/anonymousAuthentication`, '', 'enabled');
    const win = resolveSetting(cfg, path, `${AUTH}/windowsAuthentication`, '', 'enabled');
    const evidence: EvidenceItem[] = [
      anon.evidence,
      win.evidence,
      ...ignoredDefinitions([anon, win], strings.ignoredCaption),
      presence.evidence,
    ];
    const a = anon.eff.value?.trim().toLowerCase();
    // Unset windowsAuthentication keeps the schema default, enabled="false".
    const w = win.eff.value?.trim().toLowerCase() ?? 'false';
    for (const [v, r] of [
      [a, anon],
      [w, win],
    ] as const)
      if (v !== undefined && v !== 'true' && v !== 'false') {
        const values = { setting: r.evidence.setting, path, value: r.eff.value ?? '' };
        return { status: 'unknown', summary: fill(strings.odd, values), evidence };
      }
    if (presence.legacy === 'unknown') {
      const files = presence.unreadable.join(', ');
      return { status: 'unknown', summary: fill(strings.presenceUnknown, { files }), evidence };
    }
    if (w === 'true') {
      const summary = fill(strings.windowsOn, { path, location: win.eff.location });
      return { status: 'fail', summary, evidence };
    }
    if (a === 'false') {
      const summary = fill(strings.anonymousOff, { path, location: anon.eff.location });
      return { status: 'fail', summary, evidence };
    }
    if (a === undefined)
      return { status: 'unknown', summary: fill(strings.anonymousUnset, { path }), evidence };
    return { status: 'pass', summary: fill(strings.passed, { path }), evidence };
  },
});
