// Opens the run history: checks the whole file with `PRAGMA integrity_check`, then WAL mode
// (readers never block the writer; https://www.sqlite.org/wal.html) and the migrations. A damaged
// file is never repaired in place or deleted: it is moved aside with a notice and a new one begun.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors';
import { migrate } from './migrations';
import { createRunStore } from './runs';
import type { RunStore } from './runs';

/** How long a writer waits for another process's transaction before giving up. */
export const BUSY_TIMEOUT_MS = 5000;

class DamagedError extends Error {}

/** SQLite result codes that mean the file's content is not a usable database. */
function isDamage(err: unknown): boolean {
  if (err instanceof DamagedError) return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT)/.test(code);
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Checks an existing file before it is opened for writing: the header first (SQLite would
 * otherwise treat stray -wal/-shm files as its own and delete them on close), then
 * `integrity_check` on a read-only connection, which never checkpoints into a damaged file.
 */
function verify(file: string): void {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER)
    throw new DamagedError('file is not a database: it does not start with the SQLite header');
  let ro: Database.Database | null = null;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    // integrity_check (not quick_check) also verifies that indexes match their tables.
    const rows = ro.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
      const problems = rows.slice(0, 3).map((r) => r.integrity_check);
      throw new DamagedError(`integrity check failed: ${problems.join('; ')}`);
    }
  } finally {
    ro?.close();
  }
}

/** Opens the verified file for reading and writing; throws DamagedError when unusable. */
function openChecked(file: string): Database.Database {
  verify(file);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    if (isDamage(err)) throw err;
    throw new StoreError(`cannot open the run history ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
    if (mode.toLowerCase() !== 'wal')
      throw new StoreError(`cannot use WAL mode on ${file} (${mode})`);
    // NORMAL in WAL mode: a crash of the process never loses a committed run; only a power loss
    // can lose the last few, and never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Renames `file` and its -wal/-shm to `<file>.damaged-<UTC stamp>[-n]` (keeping SQLite's naming,
 * so `sqlite3 <moved> .recover` still finds the WAL). Returns the new name of the main file.
 */
function moveAside(file: string, inode: number | null, now: Date): string {
  // Another process may have moved it and started a fresh database in the meantime: never move
  // a file other than the one found damaged.
  if (inode !== null && existsSync(file) && statSync(file).ino !== inode) {
    throw new StoreError(
      `the run history ${file} was replaced while it was being checked; try again`,
    );
  }
  let target = `${file}.damaged-${stamp(now)}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.damaged-${stamp(now)}-${n}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/^integrity check failed: /, 'integrity check: ');
}

export interface OpenOptions {
  /** Clock for the moved-aside file name (tests). */
  now?: () => Date;
}

/**
 * Opens (creating folders and file as needed) and migrates the run history at `file`. When the
 * file is damaged, the store comes back empty with `notice` saying where the old file went.
 */
export function openStore(file: string, opts: OpenOptions = {}): RunStore {
  const abs = path.resolve(file);
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
  } catch (err) {
    throw new StoreError(`cannot create the folder of ${abs}: ${(err as Error).message}`);
  }
  const inode = existsSync(abs) ? statSync(abs).ino : null;
  let notice: string | null = null;
  let db: Database.Database;
  try {
    db = openChecked(abs);
  } catch (err) {
    if (!isDamage(err)) throw err;
    const moved = moveAside(abs, inode, (opts.now ?? (() => new Date()))());
    notice =
      `The run history ${abs} was damaged (${reasonOf(err)}). It was moved to ${moved} ` +
      `and a new, empty history was started; the old file was kept for recovery.`;
    db = openChecked(abs);
  }
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return createRunStore(db, { file: abs, notice });
}
