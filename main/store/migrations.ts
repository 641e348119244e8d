// Numbered schema migrations of the run history (STYLE principle 11). The schema version is
// `PRAGMA user_version`; each migration runs in its own IMMEDIATE transaction and re-reads the
// version inside it, so two processes opening a new database at once migrate it exactly once.
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors';

export interface Migration {
  /** Schema version after the migration (1, 2, …, no gaps). */
  version: number;
  /** What it changes, for the log. */
  name: string;
  /** DDL only; data access lives in statements.ts. */
  sql: string;
}

/**
 * Run ids are `INTEGER PRIMARY KEY AUTOINCREMENT`: short to type (`runs show 42`), ordered by
 * storage time, and never reused after a delete, so an id in a note or ticket stays unambiguous.
 * Summary columns (host, counts, step health) live in `runs` so listing never touches the
 * compressed blobs, which sit in `run_data`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs and their compressed snapshot and report',
    sql: `
      CREATE TABLE runs (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        stored_at       TEXT    NOT NULL,
        host            TEXT    NOT NULL,
        dns_host_name   TEXT,
        source_kind     TEXT    NOT NULL CHECK (source_kind IN ('live', 'bundle', 'demo', 'rejudge')),
        source_path     TEXT,
        source_sha256   TEXT,
        parent_id       INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        collected_at    TEXT    NOT NULL,
        duration_ms     INTEGER,
        engine_version  TEXT    NOT NULL,
        ruleset_version TEXT    NOT NULL,
        n_fail          INTEGER NOT NULL DEFAULT 0,
        n_warn          INTEGER NOT NULL DEFAULT 0,
        n_error         INTEGER NOT NULL DEFAULT 0,
        n_unknown       INTEGER NOT NULL DEFAULT 0,
        n_info          INTEGER NOT NULL DEFAULT 0,
        n_pass          INTEGER NOT NULL DEFAULT 0,
        n_na            INTEGER NOT NULL DEFAULT 0,
        steps           TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX runs_by_host ON runs (host COLLATE NOCASE, id);
      CREATE INDEX runs_by_parent ON runs (parent_id) WHERE parent_id IS NOT NULL;
      CREATE TABLE run_data (
        run_id          INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        codec           TEXT    NOT NULL,
        snapshot        BLOB    NOT NULL,
        report          BLOB    NOT NULL,
        raw_bytes       INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'admin labels and kept bundle copies',
    sql: `
      ALTER TABLE runs ADD COLUMN label TEXT;
      ALTER TABLE runs ADD COLUMN bundle_copy TEXT;
    `,
  },
  {
    version: 3,
    name: 'applied fixes (main/fix/records.ts)',
    // One row per fix run, written when it starts (status 'running') so a crash leaves a trace.
    // JSON columns: the plan (its undo commands serve a later undo), the step records with exit
    // codes, the ids of the applied steps, the verification and the undo's step records.
    sql: `
      CREATE TABLE fixes (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id          INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        check_id        TEXT    NOT NULL,
        wizard          TEXT    NOT NULL,
        host            TEXT    NOT NULL,
        started_at      TEXT    NOT NULL,
        finished_at     TEXT,
        dry_run         INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
        status          TEXT    NOT NULL CHECK (status IN ('running', 'applied', 'failed',
                          'refused', 'cancelled', 'rolled-back', 'undone', 'dry-run')),
        plan            TEXT    NOT NULL,
        steps           TEXT    NOT NULL DEFAULT '[]',
        applied_steps   TEXT    NOT NULL DEFAULT '[]',
        backup_path     TEXT,
        reboot_required INTEGER NOT NULL DEFAULT 0 CHECK (reboot_required IN (0, 1)),
        message         TEXT,
        verification    TEXT,
        undone_at       TEXT,
        undo_steps      TEXT
      ) STRICT;
      CREATE INDEX fixes_by_run ON fixes (run_id) WHERE run_id IS NOT NULL;
      CREATE INDEX fixes_by_host ON fixes (host COLLATE NOCASE, id);
    `,
  },
];

/** Schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the database to `target` (default: the current schema). Refuses a database written by a
 * newer NDES Doctor rather than guess at its schema.
 */
export function migrate(
  db: Database,
  target: number = SCHEMA_VERSION,
): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new StoreError(
      `the run history ${db.name} has schema version ${from}, newer than this NDES Doctor understands (${SCHEMA_VERSION}); update NDES Doctor or use another --db`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version > target) break;
    const step = db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      db.exec(m.sql);
      // user_version is in the database header, so it commits (or rolls back) with the DDL.
      db.pragma(`user_version = ${m.version}`);
    });
    step.immediate();
  }
  return { from, to: schemaVersion(db) };
}
