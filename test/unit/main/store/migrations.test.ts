// Schema migrations: a new database, and a database left at each earlier version with runs in it,
// both end at the current schema with every run intact; a newer schema is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  migrate,
  schemaVersion,
} from '../../../../main/store/migrations';
import { openStore } from '../../../../main/store/db';
import { encodeJson } from '../../../../main/store/codec';
import { StoreError } from '../../../../main/store/errors';
import type { Diagnosis } from '../../../../main/analysis/diagnose';
import { diagnoseHost, removeStoreTemp, tempDbPath } from '../../../helpers/store-runs';

let healthy: Diagnosis;
beforeAll(async () => {
  healthy = await diagnoseHost('healthy');
}, 60_000);
afterAll(removeStoreTemp);

function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

/** A run as a version-1 build of NDES Doctor wrote it (only the v1 columns exist). */
function insertV1Run(db: Database.Database, d: Diagnosis, host: string): number {
  const r = db
    .prepare(
      `INSERT INTO runs (stored_at, host, dns_host_name, source_kind, source_path, source_sha256,
         parent_id, collected_at, duration_ms, engine_version, ruleset_version, n_fail, n_pass, steps)
       VALUES ('2026-11-20T10:00:00.000Z', ?, NULL, 'bundle', '/bundles/a.zip', 'ab12', NULL,
         ?, 812, '0.0.9', '2026.10.1', 1, 52, ?)`,
    )
    .run(host, d.report.collectedAt, JSON.stringify(d.report.steps.map((s) => [s.id, s.health])));
  const id = Number(r.lastInsertRowid);
  const snap = encodeJson(d.snapshot);
  const rep = encodeJson(d.report);
  db.prepare(
    `INSERT INTO run_data (run_id, codec, snapshot, report, raw_bytes) VALUES (?, 'br', ?, ?, ?)`,
  ).run(id, snap.bytes, rep.bytes, snap.rawBytes + rep.rawBytes);
  return id;
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('create the current schema in an empty database', () => {
    const file = tempDbPath();
    openStore(file).close();
    const db = new Database(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(columns(db, 'runs')).toEqual(
      expect.arrayContaining(['id', 'host', 'n_fail', 'label', 'bundle_copy']),
    );
    expect(columns(db, 'run_data')).toEqual(['run_id', 'codec', 'snapshot', 'report', 'raw_bytes']);
    db.close();
  });

  it('running them twice changes nothing', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.close();
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))(
    'upgrade a version-%i database with runs in it, keeping every run',
    (version) => {
      const file = tempDbPath();
      const old = new Database(file);
      migrate(old, version);
      expect(schemaVersion(old)).toBe(version);
      expect(columns(old, 'runs').includes('bundle_copy')).toBe(version >= 2);
      const a = insertV1Run(old, healthy, 'NDES01');
      const b = insertV1Run(old, healthy, 'ndes02');
      old.close();

      const store = openStore(file);
      try {
        expect(store.notice).toBeNull();
        const listed = store.listRuns();
        expect(listed.map((r) => [r.id, r.host, r.label, r.bundleCopy])).toEqual([
          [b, 'ndes02', null, null],
          [a, 'NDES01', null, null],
        ]);
        expect(listed[1]).toMatchObject({
          rulesetVersion: '2026.10.1',
          durationMs: 812,
          source: { kind: 'bundle', path: '/bundles/a.zip', sha256: 'ab12' },
        });
        expect(listed[1]!.counts).toMatchObject({ fail: 1, pass: 52, warn: 0 });
        const run = store.getRun(a)!;
        expect(run.report.findings).toHaveLength(healthy.report.findings.length);
        expect(run.snapshot.manifest.host.computerName).toBe('NDES01');
        // What the newer schema adds works on the upgraded rows.
        expect(store.setLabel(a, 'before the reboot')).toBe(true);
        expect(store.getSummary(a)!.label).toBe('before the reboot');
        const next = store.saveRun({ ...healthy, durationMs: 5 });
        expect(next.id).toBe(b + 1);
      } finally {
        store.close();
      }
      const db = new Database(file);
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      db.close();
    },
  );

  it('refuse a database written by a newer NDES Doctor, leaving it untouched', () => {
    const file = tempDbPath();
    openStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(file)).toThrow(StoreError);
    expect(() => openStore(file)).toThrow(/newer than this NDES Doctor/);
    const again = new Database(file);
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION + 1);
    again.close();
  });
});
