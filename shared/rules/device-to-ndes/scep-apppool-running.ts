// A stopped SCEP application pool makes IIS answer "HTTP Error 503. The service is unavailable."
// (HTTPERR AppOffline / Disabled); only `appcmd list apppool /xml` records the runtime state
// (S-DEV2NDES "HTTP Error 503", SEED-CFG step 4, T-VALID #7).
import { defineRule } from '../../engine/define-rule';
import { scepSiteOf } from '../../engine/computed/iis';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The SCEP application pool is started',
  failureTitle: 'The SCEP application pool is not running',
  why: 'When the pool that runs mscep.dll is stopped, IIS answers every SCEP request with HTTP 503.',
  fix: '%windir%\\system32\\inetsrv\\appcmd.exe start apppool /apppool.name:SCEP. If the pool stops again, see scep-apppool-crashes and the service account checks. No reboot needed.',
  noSite:
    'applicationHost.config has no application /CertSrv/mscep, so the SCEP pool is unknown (see ndes-role-installed).',
  noPoolName:
    'The application /CertSrv/mscep names no application pool, so its state cannot be checked.',
  noList: 'appcmd listed no application pools, so the state of the SCEP pool "{pool}" is unknown.',
  notListed: 'appcmd does not list the SCEP pool "{pool}".',
  stopped: 'The SCEP pool "{pool}" is {state}, not Started.',
  started: 'The SCEP pool "{pool}" is Started.',
  noState: '(no state)',
};

export default defineRule({
  meta: {
    id: 'scep-apppool-running',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['appPools', 'iisConfig'],
    fixWizard: 'start-scep-apppool',
  },
  strings,
  check: ({ appPools, iisConfig }): CheckOutcome => {
    const scep = scepSiteOf(iisConfig);
    if (!scep) return { status: 'unknown', summary: strings.noSite };
    const pool = scep.site.app.applicationPool;
    if (!pool) return { status: 'unknown', summary: strings.noPoolName };
    if (!isOk(appPools)) return { status: 'unknown', summary: fill(strings.noList, { pool }) };
    const evidence: EvidenceItem[] = [
      {
        kind: 'config',
        file: scep.cfg.applicationHost.file,
        line: scep.site.app.line,
        location: `<site name="${scep.site.site.name}">`,
        setting: `application[@path='${scep.site.app.path}']@applicationPool`,
        value: pool,
      },
    ];
    const entry = appPools.value.find((p) => p.name.toLowerCase() === pool.toLowerCase());
    if (!entry) return { status: 'fail', summary: fill(strings.notListed, { pool }), evidence };
    const state = entry.state ?? strings.noState;
    evidence.push({
      kind: 'logLines',
      file: appPools.path,
      lines: [{ line: entry.line, text: `<APPPOOL ${attrText(entry.attrs)} />` }],
    });
    if ((entry.state ?? '').toLowerCase() === 'started') {
      return { status: 'pass', summary: fill(strings.started, { pool: entry.name }), evidence };
    }
    return {
      status: 'fail',
      summary: fill(strings.stopped, { pool: entry.name, state }),
      evidence,
    };
  },
});

/** The element's attributes as appcmd writes them (the line the evidence points at). */
function attrText(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
}
