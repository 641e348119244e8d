// start-scep-apppool on http-503-apppool-stopped: appcmd start (undo: stop), no backup, no reboot;
// on the host whose service account left IIS_IUSRS it says to fix that first.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

describe('start-scep-apppool', () => {
  it('starts the stopped SCEP pool', async () => {
    const d = await diagnoseFixture('http-503-apppool-stopped');
    const plan = planOf(d, 'scep-apppool-running');
    expect(shape(plan)).toEqual([
      {
        id: 'start-pool',
        kind: 'change',
        command: 'appcmd.exe start apppool /apppool.name:SCEP',
        backup: null,
        undo: 'appcmd.exe stop apppool /apppool.name:SCEP',
        needsReboot: false,
      },
    ]);
    expect(plan.needsReboot).toBe(false);
    expect(plan.notes).toHaveLength(1);
  });

  it('warns that the pool will stop again without IIS_IUSRS membership', async () => {
    const d = await diagnoseFixture('service-account-not-in-iis-iusrs');
    const plan = planOf(d, 'scep-apppool-running');
    expect(plan.notes[0]).toBe(
      'The service account CORP\\svc-ndes is not in IIS_IUSRS, so the pool will likely fail to start: run add-iis-iusrs-member first.',
    );
  });

  it('refuses a started pool', async () => {
    const d = await diagnoseFixture('healthy');
    expect(refusalOf(d, 'scep-apppool-running').refused).toMatch(/is pass/);
  });
});
