// add-iis-iusrs-member on service-account-not-in-iis-iusrs: IIS_IUSRS is found by SID, its members
// saved, CORP\svc-ndes added by SID (undo removes it); the pool must restart and the sources ask for
// a reboot; the stopped pool is named as the next wizard.
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseFixture, planOf, removeFixTemp, shape } from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

const MEMBER =
  "-GroupSid 'S-1-5-32-568' -Member 'CORP\\svc-ndes' -MemberSid 'S-1-5-21-1004336348-1177238915-682003330-1107'";

describe('add-iis-iusrs-member', () => {
  it('adds the service account to IIS_IUSRS by SID after saving the members', async () => {
    const d = await diagnoseFixture('service-account-not-in-iis-iusrs');
    const plan = planOf(d, 'service-account-in-iis-iusrs');
    expect(shape(plan)).toEqual([
      {
        id: 'add-to-iis-iusrs',
        kind: 'change',
        command: `& add-group-member.ps1 ${MEMBER}`,
        backup:
          "& export-group-members.ps1 -GroupSid 'S-1-5-32-568' -Out '<backup folder>\\iis-iusrs-members.json'",
        undo: `& remove-group-member.ps1 ${MEMBER}`,
        needsReboot: true,
      },
    ]);
    expect(plan.restarts).toEqual([{ kind: 'app-pool', name: 'SCEP' }]);
    expect(plan.followUps).toEqual(['start-scep-apppool']);
  });
});
