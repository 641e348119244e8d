// enable-mscep-anonymous-auth on anonymous-auth-disabled: one appcmd set config at the mscep
// location committed to applicationHost.config, after appcmd add backup; undo sets it back to
// false; no reboot.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

const SET =
  'appcmd.exe set config "Default Web Site/CertSrv/mscep" -section:system.webServer/security/authentication/anonymousAuthentication';

describe('enable-mscep-anonymous-auth', () => {
  it('enables anonymous authentication at the SCEP application', async () => {
    const d = await diagnoseFixture('anonymous-auth-disabled');
    const plan = planOf(d, 'mscep-anonymous-auth');
    expect(shape(plan)).toEqual([
      {
        id: 'enable-anonymous',
        kind: 'change',
        command: `${SET} -enabled:true -commit:apphost`,
        backup: 'appcmd.exe add backup ndes-doctor-fix-<id>',
        undo: `${SET} -enabled:false -commit:apphost`,
        needsReboot: false,
      },
    ]);
    expect(plan.steps[0]!.why).toBe(
      'The effective value at Default Web Site/CertSrv/mscep is enabled="false" (set by <location path="Default Web Site/CertSrv/mscep">).',
    );
    expect(plan.needsReboot).toBe(false);
  });

  it('refuses when anonymous authentication is on', async () => {
    const d = await diagnoseFixture('healthy');
    expect(refusalOf(d, 'mscep-anonymous-auth').refused).toMatch(/is pass/);
  });
});
