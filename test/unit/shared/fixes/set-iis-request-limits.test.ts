// set-iis-request-limits on http-404-15-request-limits: maxQueryString is too small at the SCEP
// application and a web.config sets it, so appcmd writes the application's web.config (no
// -commit:apphost) after an IIS backup; undo writes the old effective value back; reboot.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  diagnoseVariant,
  planOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

const SET =
  'appcmd.exe set config "Default Web Site/CertSrv/mscep" -section:system.webServer/security/requestFiltering';

describe('set-iis-request-limits', () => {
  it('raises maxQueryString in the web.config that sets it', async () => {
    const d = await diagnoseFixture('http-404-15-request-limits');
    const plan = planOf(d, 'iis-request-limits');
    expect(shape(plan)).toEqual([
      {
        id: 'set-request-limits',
        kind: 'change',
        command: `${SET} -requestLimits.maxQueryString:65534`,
        backup: 'appcmd.exe add backup ndes-doctor-fix-<id>',
        undo: `${SET} -requestLimits.maxQueryString:2048`,
        needsReboot: true,
      },
    ]);
    expect(plan.steps[0]!.backup?.kind).toBe('iis-config');
    expect(plan.notes).toEqual([
      'appcmd add backup keeps applicationHost.config only; the web.config change is undone by the undo command.',
    ]);
  });

  it('commits to applicationHost.config when only defaults apply', async () => {
    const d = await diagnoseVariant('iis-defaults', (spec) => {
      spec.iis.requestLimits = {};
      spec.iis.webConfigs = [];
    });
    const plan = planOf(d, 'iis-request-limits');
    expect(shape(plan).map((s) => [s.command, s.undo])).toEqual([
      [
        `${SET} -requestLimits.maxUrl:65534 -requestLimits.maxQueryString:65534 -commit:apphost`,
        `${SET} -requestLimits.maxUrl:4096 -requestLimits.maxQueryString:2048 -commit:apphost`,
      ],
    ]);
  });
});
