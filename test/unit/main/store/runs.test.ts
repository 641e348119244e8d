// The run store API: what a run keeps, listing from summary columns only, re-judging, deleting,
// kept bundle copies, and "the last run of this host where nothing failed".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../../main/store/db';
import { ENGINE_VERSION, RULESET_VERSION } from '../../../../shared/engine/version';
import type { Diagnosis } from '../../../../main/analysis/diagnose';
import { diagnoseHost, removeStoreTemp, tempDbPath } from '../../../helpers/store-runs';

let healthy: Diagnosis & { dir: string };
let broken: Diagnosis & { dir: string };
let other: Diagnosis & { dir: string };

beforeAll(async () => {
  healthy = await diagnoseHost('healthy');
  broken = await diagnoseHost('http-414-httpsys-limits');
  other = await diagnoseHost('localized-fr-fr');
}, 120_000);
afterAll(removeStoreTemp);

describe('RunStore', () => {
  it('keeps host, source, times, versions, counts, step health, snapshot and report', () => {
    const store = openStore(tempDbPath());
    const source = { kind: 'bundle' as const, path: '/srv/bundles/ndes01.zip', sha256: 'c0ffee' };
    const { id, bundleCopy } = store.saveRun({ ...broken, source, durationMs: 812.4 });
    expect(bundleCopy).toBeNull();
    const run = store.getRun(id)!;
    expect(run.summary).toMatchObject({
      id,
      host: 'NDES01',
      dnsHostName: 'ndes01.corp.contoso.com',
      source: { ...source, parentId: null },
      collectedAt: '2026-11-20T09:14:03Z',
      durationMs: 812,
      engineVersion: ENGINE_VERSION,
      rulesetVersion: RULESET_VERSION,
      label: null,
    });
    // Counts per status come from the report (the ruleset grows; the fixture's 4 failures do not).
    const count = (status: string) =>
      broken.report.findings.filter((f) => f.status === status).length;
    expect(run.summary.counts).toEqual({
      fail: 4,
      warn: 0,
      error: 0,
      unknown: count('unknown'),
      info: count('info'),
      pass: count('pass'),
      'not-applicable': count('not-applicable'),
    });
    expect(run.summary.steps.find((s) => s.id === 'device-to-ndes')!.health).toBe('fail');
    expect(run.report).toEqual(JSON.parse(JSON.stringify(broken.report)));
    expect(run.snapshot).toEqual(JSON.parse(JSON.stringify(broken.snapshot)));
    store.close();
  });

  it('lists newest first, pages, filters by host (any case) and counts', () => {
    const store = openStore(tempDbPath());
    const ids = [healthy, broken, other, healthy].map((d) => store.saveRun(d).id);
    expect(store.listRuns().map((r) => r.id)).toEqual([...ids].reverse());
    expect(store.listRuns({ limit: 2, offset: 1 }).map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(store.listRuns({ host: 'ndes01' }).map((r) => r.id)).toEqual([ids[3], ids[1], ids[0]]);
    expect(store.countRuns()).toBe(4);
    expect(store.countRuns({ host: 'NDES02' })).toBe(1);
    expect(store.listHosts()).toEqual([
      { host: 'NDES01', runs: 3, lastId: ids[3] },
      { host: 'NDES02', runs: 1, lastId: ids[2] },
    ]);
    store.close();
  });

  it('lists without reading the compressed snapshots', () => {
    const file = tempDbPath();
    const store = openStore(file);
    const { id } = store.saveRun(broken);
    store.close();
    const db = new Database(file);
    db.prepare(`UPDATE run_data SET snapshot = x'00', report = x'00' WHERE run_id = ?`).run(id);
    db.close();
    const again = openStore(file);
    expect(again.listRuns()[0]!.counts.fail).toBe(4);
    expect(() => again.getRun(id)).toThrow();
    again.close();
  });

  it('stores the snapshot and report compressed (a few % of their JSON size)', () => {
    const store = openStore(tempDbPath());
    store.saveRun(healthy);
    const json = JSON.stringify(healthy.snapshot).length + JSON.stringify(healthy.report).length;
    expect(store.storedBytes()).toBeLessThan(json / 8);
    store.close();
  });

  it('re-judges a stored run into a new run that names its parent', () => {
    const store = openStore(tempDbPath());
    const { id } = store.saveRun({ ...broken, durationMs: 400 });
    const re = store.rejudge(id)!;
    expect(re.id).toBe(id + 1);
    const run = store.getRun(re.id)!;
    expect(run.summary.source).toEqual({
      kind: 'rejudge',
      path: broken.report.source.path,
      sha256: null,
      parentId: id,
    });
    expect(run.report.findings.map((f) => [f.checkId, f.status])).toEqual(
      broken.report.findings.map((f) => [f.checkId, f.status]),
    );
    expect(store.rejudge(9999)).toBeNull();
    // Deleting the parent keeps the re-judged run, without its parent link.
    expect(store.deleteRun(id)).toBe(true);
    expect(store.getSummary(re.id)!.source.parentId).toBeNull();
    expect(store.deleteRun(id)).toBe(false);
    expect(store.getRun(id)).toBeNull();
    store.close();
  });

  it('never reuses the id of a deleted run', () => {
    const store = openStore(tempDbPath());
    const a = store.saveRun(healthy).id;
    const b = store.saveRun(healthy).id;
    store.deleteRun(b);
    expect(store.saveRun(healthy).id).toBe(b + 1);
    expect(a).toBe(b - 1);
    store.close();
  });

  it('finds the last run of the same host where no check failed', () => {
    const store = openStore(tempDbPath());
    const good = store.saveRun(healthy).id;
    store.saveRun(other); // another host, also healthy
    const bad1 = store.saveRun(broken).id;
    const bad2 = store.saveRun(broken).id;
    expect(store.lastWorkingRun(bad2)!.id).toBe(good);
    expect(store.lastWorkingRun(bad1)!.id).toBe(good);
    expect(store.lastWorkingRun(good)).toBeNull();
    const d = store.diffRuns(good, bad2)!;
    expect(d.counts.new).toBe(4);
    expect(d.evidence.find((e) => e.item.endsWith('\\MaxFieldLength'))!.checks).toContain(
      'httpsys-max-field-length',
    );
    expect(store.diffRuns(good, 9999)).toBeNull();
    store.close();
  });

  it('references bundles by path, and copies one only when asked', () => {
    const file = tempDbPath();
    const store = openStore(file);
    const plain = store.saveRun(healthy);
    expect(plain.bundleCopy).toBeNull();
    expect(store.getSummary(plain.id)!.source.path).toBe(path.resolve(healthy.dir));
    const kept = store.saveRun({ ...healthy, keepCopy: true, label: 'before the fix' });
    expect(kept.bundleCopy).toBe(
      path.join(path.dirname(file), 'bundles', String(kept.id), 'healthy'),
    );
    expect(readFileSync(path.join(kept.bundleCopy!, 'manifest.json'))).toEqual(
      readFileSync(path.join(healthy.dir, 'manifest.json')),
    );
    expect(store.getSummary(kept.id)).toMatchObject({
      bundleCopy: kept.bundleCopy,
      label: 'before the fix',
    });
    store.deleteRun(kept.id);
    expect(existsSync(kept.bundleCopy!)).toBe(false);
    expect(existsSync(healthy.dir)).toBe(true);
    store.close();
  });

  it('saves the run even when the requested copy fails, and says so', () => {
    const store = openStore(tempDbPath());
    const source = { kind: 'bundle' as const, path: '/nonexistent/bundle.zip', sha256: null };
    const saved = store.saveRun({ ...healthy, source, keepCopy: true });
    expect(saved.bundleCopy).toBeNull();
    expect(saved.warning).toMatch(
      /run \d+ was saved, but the bundle copy failed: .*no longer exists/,
    );
    expect(store.getSummary(saved.id)).not.toBeNull();
    store.close();
  });
});
