// The fix history in the run database (table `fixes`, migration 3): when a fix ran, for which run
// and check, every command with its exit code, the backup folder, the verification, and its undo.
// Named statements only (STYLE principle 11); the row is written when the fix starts.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { FixPlan, FixVerification } from '../../shared/model/fix-plan';
import { BUSY_TIMEOUT_MS, openStore } from '../store/db';
import { StoreError } from '../store/errors';
import type { ExecuteResult, StepRecord } from './executor';

export type FixStatus =
  'running' | 'applied' | 'failed' | 'refused' | 'cancelled' | 'rolled-back' | 'undone' | 'dry-run';

/** One fix as the history shows it. */
export interface FixRecord {
  id: number;
  /** The diagnosis run the plan was made from (null once that run is deleted). */
  runId: number | null;
  checkId: string;
  wizard: string;
  host: string;
  startedAt: string;
  finishedAt: string | null;
  dryRun: boolean;
  status: FixStatus;
  plan: FixPlan;
  steps: StepRecord[];
  /** Change steps in effect (what an undo reverses). */
  appliedSteps: string[];
  backupPath: string | null;
  rebootRequired: boolean;
  message: string | null;
  verification: FixVerification | null;
  undoneAt: string | null;
  undoSteps: StepRecord[] | null;
}

interface FixRow {
  id: number;
  run_id: number | null;
  check_id: string;
  wizard: string;
  host: string;
  started_at: string;
  finished_at: string | null;
  dry_run: number;
  status: string;
  plan: string;
  steps: string;
  applied_steps: string;
  backup_path: string | null;
  reboot_required: number;
  message: string | null;
  verification: string | null;
  undone_at: string | null;
  undo_steps: string | null;
}

function prepareAll(db: Db) {
  return {
    insertFix: db.prepare<
      [
        Pick<
          FixRow,
          | 'run_id'
          | 'check_id'
          | 'wizard'
          | 'host'
          | 'started_at'
          | 'dry_run'
          | 'status'
          | 'plan'
          | 'backup_path'
        >,
      ],
      never
    >(
      `INSERT INTO fixes (run_id, check_id, wizard, host, started_at, dry_run, status, plan, backup_path)
       VALUES (@run_id, @check_id, @wizard, @host, @started_at, @dry_run, @status, @plan, @backup_path)`,
    ),
    setBackupPath: db.prepare<[{ id: number; backup_path: string }], never>(
      `UPDATE fixes SET backup_path = @backup_path WHERE id = @id`,
    ),
    finishFix: db.prepare<
      [
        Pick<
          FixRow,
          | 'id'
          | 'finished_at'
          | 'status'
          | 'steps'
          | 'applied_steps'
          | 'reboot_required'
          | 'message'
        >,
      ],
      never
    >(
      `UPDATE fixes SET finished_at = @finished_at, status = @status, steps = @steps,
         applied_steps = @applied_steps, reboot_required = @reboot_required, message = @message
       WHERE id = @id`,
    ),
    setVerification: db.prepare<[{ id: number; verification: string }], never>(
      `UPDATE fixes SET verification = @verification WHERE id = @id`,
    ),
    markUndo: db.prepare<
      [Pick<FixRow, 'id' | 'status' | 'applied_steps' | 'undone_at' | 'undo_steps' | 'message'>],
      never
    >(
      `UPDATE fixes SET status = @status, applied_steps = @applied_steps, undone_at = @undone_at,
         undo_steps = @undo_steps, message = @message WHERE id = @id`,
    ),
    getFix: db.prepare<[{ id: number }], FixRow>(`SELECT * FROM fixes WHERE id = @id`),
    listFixes: db.prepare<[{ limit: number; offset: number }], FixRow>(
      `SELECT * FROM fixes ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    ),
    listFixesOfRun: db.prepare<[{ run_id: number }], FixRow>(
      `SELECT * FROM fixes WHERE run_id = @run_id ORDER BY id DESC`,
    ),
    listFixesOfHost: db.prepare<[{ host: string; limit: number; offset: number }], FixRow>(
      `SELECT * FROM fixes WHERE host = @host COLLATE NOCASE ORDER BY id DESC
       LIMIT @limit OFFSET @offset`,
    ),
  };
}

function toRecord(r: FixRow): FixRecord {
  return {
    id: r.id,
    runId: r.run_id,
    checkId: r.check_id,
    wizard: r.wizard,
    host: r.host,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    dryRun: r.dry_run === 1,
    status: r.status as FixStatus,
    plan: JSON.parse(r.plan) as FixPlan,
    steps: JSON.parse(r.steps) as StepRecord[],
    appliedSteps: JSON.parse(r.applied_steps) as string[],
    backupPath: r.backup_path,
    rebootRequired: r.reboot_required === 1,
    message: r.message,
    verification: r.verification ? (JSON.parse(r.verification) as FixVerification) : null,
    undoneAt: r.undone_at,
    undoSteps: r.undo_steps ? (JSON.parse(r.undo_steps) as StepRecord[]) : null,
  };
}

export interface StartFixInput {
  runId: number | null;
  host: string;
  plan: FixPlan;
  dryRun?: boolean;
  backupPath?: string | null;
  /** Default: now. */
  startedAt?: string;
}

export interface FixRecords {
  readonly path: string;
  /** Writes the row (status `running`, or `dry-run`) and returns the fix id. */
  startFix(input: StartFixInput): number;
  setBackupPath(id: number, backupPath: string): void;
  /** Stores the executor's result. */
  finishFix(id: number, result: ExecuteResult, finishedAt?: string): void;
  setVerification(id: number, v: FixVerification): void;
  /** Stores an undo: `undone` when every applied step was reversed. */
  recordUndo(
    id: number,
    undo: { ok: boolean; records: StepRecord[]; remaining: string[] },
    at?: string,
  ): void;
  getFix(id: number): FixRecord | null;
  /** Newest first. */
  listFixes(opts?: { runId?: number; host?: string; limit?: number; offset?: number }): FixRecord[];
  close(): void;
}

/** The `fixes` status an executor result maps to. */
export function statusOf(result: ExecuteResult): FixStatus {
  return result.status === 'dry-run' ? 'dry-run' : result.status;
}

/**
 * Opens the fix history in the run database at `file`: the run store opens it first (integrity
 * check, WAL, migrations, a damaged file moved aside), then this connection prepares the fix
 * statements.
 */
export function openFixRecords(file: string): FixRecords {
  const store = openStore(file);
  const abs = store.path;
  store.close();
  let db: Db;
  try {
    db = new Database(abs, { timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
  } catch (err) {
    throw new StoreError(`cannot open the fix history in ${abs}: ${(err as Error).message}`);
  }
  const st = prepareAll(db);
  const now = () => new Date().toISOString();
  return {
    path: abs,
    startFix: (input) => {
      const row = {
        run_id: input.runId,
        check_id: input.plan.checkId,
        wizard: input.plan.wizard,
        host: input.host,
        started_at: input.startedAt ?? now(),
        dry_run: input.dryRun ? 1 : 0,
        status: input.dryRun ? 'dry-run' : 'running',
        plan: JSON.stringify(input.plan),
        backup_path: input.backupPath ?? null,
      };
      return Number(st.insertFix.run(row).lastInsertRowid);
    },
    setBackupPath: (id, backupPath) => {
      st.setBackupPath.run({ id, backup_path: backupPath });
    },
    finishFix: (id, result, finishedAt) => {
      st.finishFix.run({
        id,
        finished_at: finishedAt ?? now(),
        status: statusOf(result),
        steps: JSON.stringify(result.records),
        applied_steps: JSON.stringify(result.applied),
        reboot_required: result.rebootRequired ? 1 : 0,
        message: result.message,
      });
    },
    setVerification: (id, v) => {
      st.setVerification.run({ id, verification: JSON.stringify(v) });
    },
    recordUndo: (id, undo, at) => {
      const prior = st.getFix.get({ id });
      if (!prior) throw new StoreError(`no fix ${id} in ${abs}`);
      const earlier = prior.undo_steps ? (JSON.parse(prior.undo_steps) as StepRecord[]) : [];
      st.markUndo.run({
        id,
        status: undo.ok ? 'undone' : prior.status,
        applied_steps: JSON.stringify(undo.remaining),
        undone_at: at ?? now(),
        undo_steps: JSON.stringify([...earlier, ...undo.records]),
        message: undo.ok
          ? prior.message
          : `undo incomplete: still applied: ${undo.remaining.join(', ')}`,
      });
    },
    getFix: (id) => {
      const row = st.getFix.get({ id });
      return row ? toRecord(row) : null;
    },
    listFixes: ({ runId, host, limit = 50, offset = 0 } = {}) => {
      const rows =
        runId !== undefined
          ? st.listFixesOfRun.all({ run_id: runId })
          : host !== undefined
            ? st.listFixesOfHost.all({ host, limit, offset })
            : st.listFixes.all({ limit, offset });
      return rows.map(toRecord);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Default backup folder of a fix: next to the database, one folder per fix id. */
export function defaultBackupDir(dbFile: string, id: number): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'fix-backups', `fix-${id}`);
}
