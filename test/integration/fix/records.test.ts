// The fix history in SQLite (migration 3): a fix recorded from start to finish with its run, step
// exit codes, backup folder and verification, then undone later from the record alone; the run it
// came from can be deleted without losing the fix.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Executor, TOOL_NAMES } from '../../../main/acquire/windows/executor';
import type { ToolMap } from '../../../main/acquire/windows/executor';
import { executePlan, undoPlan } from '../../../main/fix/executor';
import { defaultBackupDir, openFixRecords } from '../../../main/fix/records';
import { openStore } from '../../../main/store/db';
import { schemaVersion } from '../../../main/store/migrations';
import type { FixPlan, FixVerification } from '../../../shared/model/fix-plan';
import { diagnoseFixture, planOf, removeFixTemp, tempDb } from '../../helpers/fix-hosts';
import { Standins } from './standin';

let s: Standins;
let plan: FixPlan;
let runId: number;
let db: string;
const exec = new Executor(
  Object.fromEntries(TOOL_NAMES.map((t) => [t, '/bin/false'])) as ToolMap,
  'linux',
);

beforeAll(async () => {
  s = new Standins();
  const d = await diagnoseFixture('http-414-httpsys-limits');
  plan = planOf(d, 'httpsys-max-field-length');
  db = tempDb();
  const store = openStore(db);
  runId = store.saveRun({ report: d.report, snapshot: d.snapshot }).id;
  store.close();
}, 60_000);
afterAll(() => {
  s.remove();
  removeFixTemp();
});

const VERIFIED: FixVerification = {
  collectedAt: '2026-11-20T10:02:00Z',
  artifacts: ['registry/http-parameters.reg'],
  checks: [
    {
      checkId: 'httpsys-max-field-length',
      before: 'fail',
      after: 'pass',
      summary: 'MaxFieldLength is 65534 (65534 or more).',
    },
  ],
  fixed: true,
  rebootPending: true,
};

describe('fix records', () => {
  it('adds the fixes table as schema version 3', () => {
    openFixRecords(db).close();
    const raw = new Database(db, { readonly: true });
    expect(schemaVersion(raw)).toBe(3);
    const cols = (raw.pragma('table_info(fixes)') as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual([
      'id',
      'run_id',
      'check_id',
      'wizard',
      'host',
      'started_at',
      'finished_at',
      'dry_run',
      'status',
      'plan',
      'steps',
      'applied_steps',
      'backup_path',
      'reboot_required',
      'message',
      'verification',
      'undone_at',
      'undo_steps',
    ]);
    raw.close();
  });

  it('records an applied fix, its verification, and an undo made later from the record', async () => {
    s.scenario([]);
    const records = openFixRecords(db);
    const id = records.startFix({
      runId,
      host: 'NDES01',
      plan,
      startedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(records.getFix(id)).toMatchObject({
      status: 'running',
      runId,
      wizard: 'set-httpsys-limits',
    });
    const backupDir = defaultBackupDir(records.path, id);
    expect(backupDir).toBe(path.join(path.dirname(db), 'fix-backups', `fix-${id}`));
    records.setBackupPath(id, backupDir);
    const result = await executePlan(plan, {
      backupDir,
      iisBackupName: `ndes-doctor-fix-${id}`,
      exec,
      tools: s.tools,
    });
    records.finishFix(id, result, '2026-11-20T10:01:00.000Z');
    records.setVerification(id, VERIFIED);
    records.close();

    const again = openFixRecords(db);
    const rec = again.getFix(id)!;
    expect(rec).toMatchObject({
      id,
      runId,
      checkId: 'httpsys-max-field-length',
      host: 'NDES01',
      startedAt: '2026-11-20T10:00:00.000Z',
      finishedAt: '2026-11-20T10:01:00.000Z',
      dryRun: false,
      status: 'applied',
      appliedSteps: ['set-maxfieldlength', 'set-maxrequestbytes'],
      backupPath: backupDir,
      rebootRequired: true,
      verification: VERIFIED,
      undoneAt: null,
    });
    expect(rec.plan).toEqual(plan);
    expect(rec.steps.map((x) => [x.phase, x.stepId, x.exitCode])).toEqual([
      ['backup', 'set-maxfieldlength', 0],
      ['apply', 'set-maxfieldlength', 0],
      ['apply', 'set-maxrequestbytes', 0],
    ]);

    // Undo later: only the record is needed (plan, applied steps, backup folder).
    s.scenario([]);
    const undo = await undoPlan(rec.plan, rec.appliedSteps, {
      backupDir: rec.backupPath!,
      iisBackupName: `ndes-doctor-fix-${id}`,
      exec,
      tools: s.tools,
    });
    again.recordUndo(id, undo, '2026-11-21T08:00:00.000Z');
    expect(again.getFix(id)).toMatchObject({
      status: 'undone',
      appliedSteps: [],
      undoneAt: '2026-11-21T08:00:00.000Z',
    });
    expect(again.getFix(id)!.undoSteps!.map((x) => [x.phase, x.stepId, x.exitCode])).toEqual([
      ['undo', 'set-maxrequestbytes', 0],
      ['undo', 'set-maxfieldlength', 0],
    ]);
    expect(again.listFixes({ runId }).map((r) => r.id)).toContain(id);
    expect(again.listFixes({ host: 'ndes01' }).map((r) => r.id)).toContain(id);
    again.close();
  });

  it('keeps what is still applied when an undo fails part-way', async () => {
    const records = openFixRecords(db);
    const id = records.startFix({ runId, host: 'NDES01', plan });
    s.scenario([]);
    const dir = defaultBackupDir(records.path, id);
    records.finishFix(
      id,
      await executePlan(plan, {
        backupDir: dir,
        iisBackupName: `ndes-doctor-fix-${id}`,
        exec,
        tools: s.tools,
      }),
    );
    s.scenario([{ tool: 'reg.exe', match: 'MaxFieldLength', exit: 1 }]);
    const undo = await undoPlan(plan, ['set-maxfieldlength', 'set-maxrequestbytes'], {
      backupDir: dir,
      iisBackupName: `ndes-doctor-fix-${id}`,
      exec,
      tools: s.tools,
    });
    records.recordUndo(id, undo);
    expect(records.getFix(id)).toMatchObject({
      status: 'applied',
      appliedSteps: ['set-maxfieldlength'],
      message: 'undo incomplete: still applied: set-maxfieldlength',
    });
    records.close();
  });

  it('keeps the fix when its run is deleted', () => {
    const store = openStore(db);
    expect(store.deleteRun(runId)).toBe(true);
    store.close();
    const records = openFixRecords(db);
    const all = records.listFixes();
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((r) => r.runId === null)).toBe(true);
    records.close();
  });
});
