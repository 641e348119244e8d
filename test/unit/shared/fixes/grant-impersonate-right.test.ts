// grant-impersonate-right on the http-500-impersonation host (a GPO dropped IIS_IUSRS from
// SeImpersonatePrivilege): a read-only GPO precheck, a secedit export, the grant that keeps the
// current holders, an undo from the export, and a reboot.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  findingOf,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';
import { planFix } from '../../../../shared/fixes';

afterAll(removeFixTemp);

const STEPS = [
  {
    id: 'check-gpo',
    kind: 'precheck',
    command: "& check-user-right-gpo.ps1 -Right 'SeImpersonatePrivilege'",
    backup: null,
    undo: null,
    needsReboot: false,
  },
  {
    id: 'grant-right',
    kind: 'change',
    command: "& grant-user-right.ps1 -Right 'SeImpersonatePrivilege' -Holder '*S-1-5-32-568'",
    backup: 'secedit.exe /export /areas USER_RIGHTS /cfg "<backup folder>\\user-rights.inf" /quiet',
    undo: "& restore-user-right.ps1 -Right 'SeImpersonatePrivilege' -From '<backup folder>\\user-rights.inf'",
    needsReboot: true,
  },
];

describe('grant-impersonate-right', () => {
  it('checks for a GPO, exports the rights, grants IIS_IUSRS and asks for a reboot', async () => {
    const d = await diagnoseFixture('http-500-impersonation');
    const plan = planOf(d, 'iis-iusrs-impersonate-right');
    expect(plan.wizard).toBe('grant-impersonate-right');
    expect(shape(plan)).toEqual(STEPS);
    expect(plan.steps[1]!.backup).toMatchObject({ kind: 'user-rights', file: 'user-rights.inf' });
    expect(plan.needsReboot).toBe(true);
    expect(plan.verifyChecks).toEqual(['iis-iusrs-impersonate-right']);
    // The current holders are named and kept.
    expect(plan.explain.change).toContain('*S-1-5-19, *S-1-5-20, *S-1-5-32-544, *S-1-5-6');
    expect(plan.notes[0]).toMatch(/cannot tell whether a GPO sets this right/);
  });

  it('plans the same grant for the 500 0 1346 log finding', async () => {
    const d = await diagnoseFixture('http-500-impersonation');
    const plan = planOf(d, 'mscep-impersonation-500');
    expect(plan.checkId).toBe('mscep-impersonation-500');
    expect(shape(plan)).toEqual(STEPS);
    expect(plan.explain.finding).toMatch(/500 0 1346/);
  });

  it('refuses when IIS_IUSRS already holds the right (only the reboot is missing)', async () => {
    const d = await diagnoseFixture('healthy');
    const f = { ...findingOf(d, 'mscep-impersonation-500'), status: 'fail' as const };
    const r = planFix(d.snapshot, f);
    expect(r).toEqual({ refused: expect.stringMatching(/already holds SeImpersonatePrivilege/) });
  });

  it('refuses a passing check', async () => {
    const d = await diagnoseFixture('healthy');
    expect(refusalOf(d, 'iis-iusrs-impersonate-right').refused).toBe(
      'The check iis-iusrs-impersonate-right is pass: there is nothing for this wizard to fix.',
    );
  });
});
