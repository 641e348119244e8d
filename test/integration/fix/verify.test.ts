// Verification re-collects only what the re-run checks declare and judges them on the earlier
// snapshot with that evidence replaced: a fixed pool passes, an unchanged host still fails, and
// evidence the checks do not read stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeEvidence, verifyFix } from '../../../main/fix/verify';
import type { Diagnosis } from '../../../main/analysis/diagnose';
import { diagnoseFixture, removeFixTemp } from '../../helpers/fix-hosts';

let stopped: Diagnosis & { dir: string };
let healthy: Diagnosis & { dir: string };

beforeAll(async () => {
  stopped = await diagnoseFixture('http-503-apppool-stopped');
  healthy = await diagnoseFixture('healthy');
}, 60_000);
afterAll(removeFixTemp);

describe('verifyFix', () => {
  it('re-runs the checks on freshly collected evidence and shows before/after', async () => {
    const asked: string[][] = [];
    const v = await verifyFix({
      before: stopped.snapshot,
      beforeReport: stopped.report,
      checks: ['scep-apppool-running'],
      collect: async (paths) => (asked.push([...paths]), healthy.dir),
    });
    expect(asked).toEqual([
      ['commands/appcmd-list-apppool.xml', 'iis/applicationHost.config', 'iis/web.config/'],
    ]);
    expect(v.artifacts).toEqual(asked[0]);
    expect(v.checks).toEqual([
      {
        checkId: 'scep-apppool-running',
        before: 'fail',
        after: 'pass',
        summary: 'The SCEP pool "SCEP" is Started.',
      },
    ]);
    expect(v).toMatchObject({
      fixed: true,
      rebootPending: false,
      collectedAt: healthy.report.collectedAt,
    });
    expect(v.findings[0]!.checkId).toBe('scep-apppool-running');
  });

  it('says so when the check still fails', async () => {
    const v = await verifyFix({
      before: stopped.snapshot,
      checks: ['scep-apppool-running'],
      collect: async () => stopped.dir,
      rebootPending: true,
    });
    expect(v.checks.map((c) => [c.before, c.after])).toEqual([['fail', 'fail']]);
    expect(v).toMatchObject({ fixed: false, rebootPending: true });
  });

  it('replaces only the evidence of the re-run checks, and takes the fresh clock', () => {
    const merged = mergeEvidence(stopped.snapshot, healthy.snapshot, ['appPools']);
    expect(merged.appPools).toBe(healthy.snapshot.appPools);
    expect(merged.eventsSystem).toBe(stopped.snapshot.eventsSystem);
    expect(merged.manifest.collectedAt).toBe(healthy.snapshot.manifest.collectedAt);
    expect(merged.manifest.artifacts).toBe(stopped.snapshot.manifest.artifacts);
  });
});
