// IIS request filtering rejects URLs over maxUrl (404.14) and query strings over maxQueryString
// (404.15); SCEP PKIOperation GETs carry the whole request in the query string (SEED-CFG, X-IISREQ).
// The value is resolved at the mscep location, where NDES setup itself writes maxQueryString.
import { defineRule } from '../../engine/define-rule';
import { ignoredDefinitions, resolveSetting, scepSiteOf } from '../../engine/computed/iis';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome } from '../../model';

const strings = {
  title: 'IIS request limits allow long SCEP URLs at /CertSrv/mscep',
  failureTitle: 'IIS request limits are too small for SCEP requests at /CertSrv/mscep',
  why: 'Devices send PKIOperation requests as long GET URLs; IIS request filtering answers 404.14 or 404.15 (HTTP 414 in a browser) before NDES sees them.',
  fix: '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site" -section:requestFiltering -requestLimits.maxUrl:65534 -requestLimits.maxQueryString:65534. Run the same on "Default Web Site/CertSrv/mscep" if a child overrides it. Then restart the server (SEED-CFG: do not use iisreset).',
  noSite:
    'applicationHost.config has no application /CertSrv/mscep, so the limits cannot be resolved (see ndes-role-installed).',
  notNumber: 'The effective {setting} at {path} is "{value}", which is not a number IIS accepts.',
  ok: 'At {path}, maxUrl is {maxUrl} and maxQueryString is {maxQueryString} (65534 or more).',
  low: 'At {path}, maxUrl is {maxUrl} and maxQueryString is {maxQueryString}; both must be at least 65534.',
  ignoredCaption: 'web.config settings IIS ignores because the section is locked',
};

const MINIMUM = 65534;
const SECTION = 'system.webServer/security/requestFiltering';
const DEFAULTS = { maxUrl: 4096, maxQueryString: 2048 } as const;

export default defineRule({
  meta: {
    id: 'iis-request-limits',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['iisConfig'],
    fixWizard: 'set-iis-request-limits',
  },
  strings,
  check: ({ iisConfig }): CheckOutcome => {
    const scep = scepSiteOf(iisConfig);
    if (!scep) return { status: 'unknown', summary: strings.noSite };
    const { cfg, configPath } = scep;
    const settings = (['maxUrl', 'maxQueryString'] as const).map((attr) => {
      const r = resolveSetting(cfg, configPath, SECTION, 'requestLimits', attr);
      const value = r.eff.value === null ? DEFAULTS[attr] : Number(r.eff.value.trim());
      return { attr, value, ...r };
    });
    const evidence = [
      ...settings.map((s) => s.evidence),
      ...ignoredDefinitions(settings, strings.ignoredCaption),
    ];
    const bad = settings.find((s) => !Number.isInteger(s.value) || s.value < 0);
    if (bad) {
      const values = {
        setting: bad.evidence.setting,
        path: configPath,
        value: bad.eff.value ?? '',
      };
      return { status: 'unknown', summary: fill(strings.notNumber, values), evidence };
    }
    const [maxUrl, maxQueryString] = settings.map((s) => s.value) as [number, number];
    const pass = maxUrl >= MINIMUM && maxQueryString >= MINIMUM;
    const summary = fill(pass ? strings.ok : strings.low, {
      path: configPath,
      maxUrl,
      maxQueryString,
    });
    return { status: pass ? 'pass' : 'fail', summary, evidence };
  },
});
