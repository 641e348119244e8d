// Every query of the run history, prepared once per connection under a name: the only SQL outside
// the migrations (STYLE principle 11; the renderer never sends SQL). Listing reads the `runs`
// summary columns only, so it stays fast however large the stored snapshots are.
import type { Database } from 'better-sqlite3';

/** A `runs` row as listed (no blobs). */
export interface RunRow {
  id: number;
  stored_at: string;
  host: string;
  dns_host_name: string | null;
  source_kind: string;
  source_path: string | null;
  source_sha256: string | null;
  parent_id: number | null;
  collected_at: string;
  duration_ms: number | null;
  engine_version: string;
  ruleset_version: string;
  n_fail: number;
  n_warn: number;
  n_error: number;
  n_unknown: number;
  n_info: number;
  n_pass: number;
  n_na: number;
  steps: string;
  label: string | null;
  bundle_copy: string | null;
}

export type NewRunRow = Omit<RunRow, 'id' | 'label' | 'bundle_copy'>;

export interface DataRow {
  codec: string;
  snapshot: Buffer;
  report: Buffer;
  raw_bytes: number;
}

const SUMMARY = `id, stored_at, host, dns_host_name, source_kind, source_path, source_sha256, parent_id,
  collected_at, duration_ms, engine_version, ruleset_version, n_fail, n_warn, n_error, n_unknown,
  n_info, n_pass, n_na, steps, label, bundle_copy`;

function prepareAll(db: Database) {
  return {
    insertRun: db.prepare<[NewRunRow], never>(
      `INSERT INTO runs (stored_at, host, dns_host_name, source_kind, source_path, source_sha256,
         parent_id, collected_at, duration_ms, engine_version, ruleset_version, n_fail, n_warn,
         n_error, n_unknown, n_info, n_pass, n_na, steps)
       VALUES (@stored_at, @host, @dns_host_name, @source_kind, @source_path, @source_sha256,
         @parent_id, @collected_at, @duration_ms, @engine_version, @ruleset_version, @n_fail,
         @n_warn, @n_error, @n_unknown, @n_info, @n_pass, @n_na, @steps)`,
    ),
    insertData: db.prepare<[{ run_id: number } & DataRow], never>(
      `INSERT INTO run_data (run_id, codec, snapshot, report, raw_bytes)
       VALUES (@run_id, @codec, @snapshot, @report, @raw_bytes)`,
    ),
    listRuns: db.prepare<[{ limit: number; offset: number }], RunRow>(
      `SELECT ${SUMMARY} FROM runs ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    ),
    listRunsOfHost: db.prepare<[{ host: string; limit: number; offset: number }], RunRow>(
      `SELECT ${SUMMARY} FROM runs WHERE host = @host COLLATE NOCASE
       ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    ),
    countRuns: db.prepare<[], number>(`SELECT count(*) FROM runs`).pluck(),
    countRunsOfHost: db
      .prepare<[{ host: string }], number>(
        `SELECT count(*) FROM runs WHERE host = @host COLLATE NOCASE`,
      )
      .pluck(),
    listHosts: db.prepare<[], { host: string; runs: number; last_id: number }>(
      `SELECT host, count(*) AS runs, max(id) AS last_id FROM runs
       GROUP BY host COLLATE NOCASE ORDER BY last_id DESC`,
    ),
    getRun: db.prepare<[{ id: number }], RunRow>(`SELECT ${SUMMARY} FROM runs WHERE id = @id`),
    getData: db.prepare<[{ id: number }], DataRow>(
      `SELECT codec, snapshot, report, raw_bytes FROM run_data WHERE run_id = @id`,
    ),
    latestId: db.prepare<[], number | null>(`SELECT max(id) FROM runs`).pluck(),
    /** The newest earlier run of the same host where no check failed: "when it last worked". */
    lastWorking: db.prepare<[{ host: string; before: number }], RunRow>(
      `SELECT ${SUMMARY} FROM runs WHERE host = @host COLLATE NOCASE AND id < @before
         AND n_fail = 0 ORDER BY id DESC LIMIT 1`,
    ),
    deleteRun: db.prepare<[{ id: number }], never>(`DELETE FROM runs WHERE id = @id`),
    setLabel: db.prepare<[{ id: number; label: string | null }], never>(
      `UPDATE runs SET label = @label WHERE id = @id`,
    ),
    setBundleCopy: db.prepare<[{ id: number; path: string | null }], never>(
      `UPDATE runs SET bundle_copy = @path WHERE id = @id`,
    ),
    storedBytes: db
      .prepare<[], number | null>(`SELECT sum(length(snapshot) + length(report)) FROM run_data`)
      .pluck(),
  };
}

export type Statements = ReturnType<typeof prepareAll>;

/** Prepares every named statement for this connection (after migrations). */
export function prepareStatements(db: Database): Statements {
  return prepareAll(db);
}
