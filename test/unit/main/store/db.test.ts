// Opening the run history: pragmas, the default location, and damaged files moved aside with a
// notice (never deleted, never silently reused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../../main/store/db';
import { defaultDbPath } from '../../../../main/store/location';
import type { Diagnosis } from '../../../../main/analysis/diagnose';
import { diagnoseHost, removeStoreTemp, tempDbPath } from '../../../helpers/store-runs';

let healthy: Diagnosis;
beforeAll(async () => {
  healthy = await diagnoseHost('healthy');
}, 60_000);
afterAll(removeStoreTemp);

const NOW = () => new Date('2026-11-21T08:30:05.123Z');

describe('openStore', () => {
  it('creates missing folders and opens in WAL mode with foreign keys', () => {
    const file = path.join(path.dirname(tempDbPath()), 'a', 'b', 'runs.db');
    const store = openStore(file);
    store.saveRun({ ...healthy, durationMs: 1 });
    store.close();
    expect(existsSync(file)).toBe(true);
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('moves a file of garbage bytes aside with a notice and starts a new history', () => {
    const file = tempDbPath();
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
    writeFileSync(file, garbage);
    writeFileSync(`${file}-wal`, 'stale wal');

    const store = openStore(file, { now: NOW });
    const moved = `${file}.damaged-20261121T083005Z`;
    expect(store.notice).toContain(file);
    expect(store.notice).toContain(moved);
    expect(store.notice).toMatch(/file is not a database/);
    expect(readFileSync(moved)).toEqual(garbage);
    expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('stale wal');

    const saved = store.saveRun({ ...healthy, durationMs: 1 });
    expect(store.listRuns().map((r) => r.id)).toEqual([saved.id]);
    store.close();
    // The next open finds a healthy file and says nothing.
    const again = openStore(file, { now: NOW });
    expect(again.notice).toBeNull();
    expect(again.countRuns()).toBe(1);
    again.close();
  });

  it('moves aside a database whose pages are damaged (integrity_check fails)', () => {
    const file = tempDbPath();
    const store = openStore(file);
    for (let i = 0; i < 3; i++) store.saveRun({ ...healthy, durationMs: i });
    store.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite the middle of page 3 onwards; the header (page 1) stays valid.
    for (let i = pageSize * 2 + 100; i < pageSize * 6; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(file, bytes);

    const reopened = openStore(file, { now: NOW });
    expect(reopened.notice).toMatch(
      /was damaged \((integrity check|database disk image is malformed)/,
    );
    expect(reopened.countRuns()).toBe(0);
    reopened.close();
    const names = readdirSync(path.dirname(file));
    expect(names).toContain('runs.db.damaged-20261121T083005Z');
  });

  it('never overwrites an earlier moved-aside file', () => {
    const file = tempDbPath();
    writeFileSync(file, 'not sqlite at all, first time'.repeat(200));
    openStore(file, { now: NOW }).close();
    writeFileSync(file, 'not sqlite at all, second time'.repeat(200));
    const store = openStore(file, { now: NOW });
    expect(store.notice).toContain(`${file}.damaged-20261121T083005Z-2`);
    store.close();
    expect(readFileSync(`${file}.damaged-20261121T083005Z`, 'utf8')).toMatch(
      /^not sqlite at all, first/,
    );
  });

  it('opens a healthy existing history without a notice', () => {
    const file = tempDbPath();
    openStore(file).close();
    const store = openStore(file);
    expect(store.notice).toBeNull();
    store.close();
  });
});

describe('defaultDbPath', () => {
  it('uses %LOCALAPPDATA%\\NDES Doctor on Windows', () => {
    expect(defaultDbPath({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32')).toBe(
      'C:\\Users\\ana\\AppData\\Local\\NDES Doctor\\runs.db',
    );
  });

  it('uses $XDG_DATA_HOME, else ~/.local/share, elsewhere', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/data/xdg' }, 'linux')).toBe(
      '/data/xdg/ndes-doctor/runs.db',
    );
    expect(defaultDbPath({}, 'linux')).toMatch(/\/\.local\/share\/ndes-doctor\/runs\.db$/);
    // A relative XDG_DATA_HOME is invalid per the specification and ignored.
    expect(defaultDbPath({ XDG_DATA_HOME: 'rel' }, 'linux')).toMatch(/\.local\/share/);
  });

  it('honours $NDES_DOCTOR_DB first', () => {
    expect(
      defaultDbPath({ NDES_DOCTOR_DB: '/tmp/x/history.db', XDG_DATA_HOME: '/d' }, 'linux'),
    ).toBe('/tmp/x/history.db');
  });
});
