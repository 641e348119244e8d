// fix-crp-authentication on legacy-connector-crp-windows-auth: anonymous is already on, so only
// Windows authentication is turned off at CertificateRegistrationSvc (apphost, after an IIS
// backup); undo turns it back on; SEED-D2N asks for a reboot.
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
  'appcmd.exe set config "Default Web Site/CertificateRegistrationSvc" -section:system.webServer/security/authentication/windowsAuthentication';

describe('fix-crp-authentication', () => {
  it('turns Windows authentication off at CertificateRegistrationSvc', async () => {
    const d = await diagnoseFixture('legacy-connector-crp-windows-auth');
    const plan = planOf(d, 'crp-authentication');
    expect(shape(plan)).toEqual([
      {
        id: 'windows-authentication',
        kind: 'change',
        command: `${SET} -enabled:false -commit:apphost`,
        backup: 'appcmd.exe add backup ndes-doctor-fix-<id>',
        undo: `${SET} -enabled:true -commit:apphost`,
        needsReboot: true,
      },
    ]);
    expect(plan.needsReboot).toBe(true);
  });

  it('does not apply without the legacy connector', async () => {
    const d = await diagnoseFixture('healthy');
    expect(refusalOf(d, 'crp-authentication').refused).toMatch(/is not-applicable/);
  });
});
