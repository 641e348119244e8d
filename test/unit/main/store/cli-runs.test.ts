// `ndes-doctor runs …` as an admin types it: output, --json documents and exit codes, plus
// storeDiagnosis() as `diagnose` calls it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runsCommand, storeDiagnosis } from '../../../../main/store/cli-runs';
import type { RunsIo } from '../../../../main/store/cli-runs';
import { openStore } from '../../../../main/store/db';
import type { Diagnosis } from '../../../../main/analysis/diagnose';
import { diagnoseHost, removeStoreTemp, tempDbPath } from '../../../helpers/store-runs';

let healthy: Diagnosis;
let broken: Diagnosis;
let db: string;
let good: number;
let bad: number;

function io(): RunsIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}

const passed = (d: Diagnosis) => d.report.findings.filter((f) => f.status === 'pass').length;

async function run(...args: string[]) {
  const x = io();
  const code = await runsCommand([...args, '--db', db], x);
  return { code, out: x.out(), err: x.err() };
}

beforeAll(async () => {
  healthy = await diagnoseHost('healthy');
  broken = await diagnoseHost('http-503-apppool-stopped');
  db = tempDbPath();
  good = storeDiagnosis(db, healthy, healthy.report.source, 812).id;
  bad = storeDiagnosis(db, broken, broken.report.source, 405).id;
}, 120_000);
afterAll(removeStoreTemp);

describe('storeDiagnosis', () => {
  it('stores each diagnosis with its source and duration, in the database named', () => {
    const store = openStore(db);
    expect(store.getSummary(good)).toMatchObject({ durationMs: 812, source: { kind: 'bundle' } });
    expect(store.getSummary(bad)!.counts.fail).toBe(5);
    store.close();
  });

  it('reports a damaged database it moved aside', () => {
    const file = tempDbPath();
    writeFileSync(file, 'garbage '.repeat(1000));
    const r = storeDiagnosis(file, healthy, healthy.report.source, 1);
    expect(r.id).toBe(1);
    expect(r.notice).toMatch(/moved to .*runs\.db\.damaged-/);
  });
});

describe('ndes-doctor runs', () => {
  it('list prints one line per run, newest first', async () => {
    const r = await run('list');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+Collected \(UTC\)\s+Host\s+Source\s+Result$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${bad}\\s+2026-11-20 09:14:03\\s+NDES01\\s+bundle: http-503-apppool-stopped\\s+5 fail$`,
      ),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^${good}\\s+.*bundle: healthy\\s+no problem \\(${passed(healthy)} pass\\)$`),
    );
    expect(r.out).toContain(`Runs 1–2 of 2 in ${db}`);
  });

  it('list --json gives the summaries', async () => {
    const r = await run('list', '--json', '--limit', '1');
    const doc = JSON.parse(r.out) as {
      total: number;
      runs: { id: number; counts: { fail: number } }[];
    };
    expect(doc.total).toBe(2);
    expect(doc.runs.map((x) => [x.id, x.counts.fail])).toEqual([[bad, 5]]);
  });

  it('show prints the run header and its report', async () => {
    const r = await run('show', String(bad));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Run ${bad} — NDES01 \\(ndes01\\.corp\\.contoso\\.com\\)`));
    expect(r.out).toContain('diagnosis took 405 ms');
    expect(r.out).toMatch(/FAIL\s+scep-apppool-running/);
  });

  it('diff A B shows the flow, the new failures and the evidence behind them', async () => {
    const r = await run('diff', String(good), String(bad));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2\. Device → NDES .*ok → fail\s+worse \(5 new\)/);
    expect(r.out).toMatch(/NEW\s+scep-apppool-running\s+pass → fail/);
    expect(r.out).toContain(
      'app-pools    SCEP: Started; v4.0; Classic → Stopped; v4.0; Classic  (read by scep-apppool-running)',
    );
    expect(r.out).toContain('logs         IIS /mscep 503.0.0: 0 → 28');
  });

  it('diff ID compares with the last run of the host where nothing failed', async () => {
    const r = await run('diff', 'latest', '--json');
    const doc = JSON.parse(r.out) as {
      before: { id: number };
      after: { id: number };
      diff: { counts: { new: number } };
    };
    expect([doc.before.id, doc.after.id]).toEqual([good, bad]);
    expect(doc.diff.counts.new).toBe(5);
    const none = await run('diff', String(good));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no earlier run of NDES01 without a failed check/);
  });

  it('rejudge stores a new run and shows what the current rules changed', async () => {
    const r = await run('rejudge', String(bad));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Stored run (\d+): run \d+ judged again with ruleset /);
    expect(r.out).toContain('Checks: 0 new, 0 fixed, 0 changed, 0 removed');
    const id = /^Stored run (\d+)/.exec(r.out)![1]!;
    const del = await run('delete', id);
    expect(del).toMatchObject({ code: 0, out: `Deleted run ${id}.\n` });
    expect((await run('show', id)).code).toBe(2);
  });

  it.each([
    [['show', '999'], /no run 999 in /],
    [['show', 'abc'], /"abc" is not a run id/],
    [['diff'], /runs diff needs one or two run ids/],
    [['list', '--limit', 'many'], /--limit must be a whole number/],
    [['list', '--bogus'], /bogus/],
    [['frobnicate'], /unknown runs command "frobnicate"/],
  ])('exits 2 for %j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});
