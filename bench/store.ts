// Benchmark (issue: run history): 10,000 stored runs of realistic size (fixture diagnoses, many
// hosts); targets: listing < 50 ms, getRun + getRun + compareRuns < 200 ms; bytes per run.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { diagnoseBundle } from '../main/analysis/diagnose';
import type { Diagnosis } from '../main/analysis/diagnose';
import { openStore } from '../main/store/db';
import { CURRENT_CODEC, encodeJson } from '../main/store/codec';
import { prepareStatements } from '../main/store/statements';
import { readsOf, runRow } from '../main/store/runs';
import type { RunSource } from '../main/store/runs';
import { compareRuns } from '../shared/engine/compare';
import type { Report } from '../shared/model';
import { fixtureHost } from '../test/fixtures/hosts';
import { writeBundle } from '../test/fixtures/lib/write-bundle';
import { median } from './measure';

const VARIANTS = [
  'healthy',
  'http-414-httpsys-limits',
  'http-503-apppool-stopped',
  'ra-certs-expired',
  'not-collected',
  'localized-fr-fr',
];
const RUNS = 10_000;
const HOSTS = 40;

function ms(t0: number): number {
  return performance.now() - t0;
}

function timeIt(n: number, fn: (i: number) => unknown): number {
  fn(0); // warm-up
  const times: number[] = [];
  for (let i = 1; i <= n; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(ms(t0));
  }
  return median(times);
}

const verdict = (value: number, limit: number) => (value < limit ? 'ok' : 'OVER TARGET');

export async function benchStore(): Promise<string[]> {
  const out: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-store-'));
  try {
    const diagnoses: Diagnosis[] = [];
    for (const name of VARIANTS) {
      const bundle = path.join(dir, 'bundles', name);
      await writeBundle(fixtureHost(name)!.spec, bundle);
      diagnoses.push(await diagnoseBundle(bundle));
    }
    const file = path.join(dir, 'runs.db');

    // Saving through the API: compression included.
    const store = openStore(file);
    const save = timeIt(10, (i) =>
      store.saveRun({ ...diagnoses[i % diagnoses.length]!, durationMs: 1 }),
    );
    out.push(`saveRun (compress + insert, realistic run): ${save.toFixed(0)} ms median`);
    store.close();

    // Bulk fill with the app's own statements; each variant compressed once (the bytes stored
    // per run are the same as if each run were compressed on its own).
    const encoded = diagnoses.map((d) => ({
      d,
      snap: encodeJson(d.snapshot),
      rep: encodeJson(d.report),
    }));
    const tFill = performance.now();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const st = prepareStatements(db);
    const fill = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const e = encoded[i % encoded.length]!;
        const host = `NDES-${String(i % HOSTS).padStart(2, '0')}`;
        const report: Report = { ...e.d.report, host: { ...e.d.report.host, computerName: host } };
        const source: RunSource = { kind: 'bundle', path: `/bundles/run-${i}.zip`, sha256: null };
        const id = Number(
          st.insertRun.run(runRow({ report, durationMs: 700 + (i % 300) }, source)).lastInsertRowid,
        );
        st.insertData.run({
          run_id: id,
          codec: CURRENT_CODEC,
          snapshot: e.snap.bytes,
          report: e.rep.bytes,
          raw_bytes: e.snap.rawBytes + e.rep.rawBytes,
        });
      }
    });
    const existing = Number(st.countRuns.get());
    for (let i = existing; i < RUNS; i += 500) fill.immediate(i, Math.min(RUNS, i + 500));
    db.close();
    out.push(
      `filled ${RUNS} runs (${HOSTS} hosts, ${VARIANTS.length} fixture diagnoses) in ${(ms(tFill) / 1000).toFixed(1)} s`,
    );

    const tOpen = performance.now();
    const big = openStore(file);
    out.push(`openStore with integrity_check: ${ms(tOpen).toFixed(0)} ms`);
    const count = big.countRuns();
    const page = timeIt(20, (i) => big.listRuns({ limit: 50, offset: (i % 5) * 50 }));
    const total = timeIt(20, () => big.countRuns());
    const both = timeIt(20, () => [big.listRuns({ limit: 50 }), big.countRuns()]);
    const host = timeIt(20, (i) =>
      big.listRuns({ host: `NDES-${String(i % HOSTS).padStart(2, '0')}`, limit: 50 }),
    );
    out.push(
      `listRuns first page of 50: ${page.toFixed(2)} ms; countRuns (${count}): ${total.toFixed(2)} ms; page + count: ${both.toFixed(2)} ms (target < 50 ms: ${verdict(both, 50)})`,
    );
    out.push(`listRuns of one host (50 of ${count / HOSTS}): ${host.toFixed(2)} ms`);

    const diff = timeIt(7, (i) => {
      const a = big.getRun(1 + ((i * 37) % count))!;
      const b = big.getRun(count - ((i * 53) % count))!;
      return compareRuns(a, b, { readsOf });
    });
    out.push(
      `getRun + getRun + compareRuns: ${diff.toFixed(0)} ms median (target < 200 ms: ${verdict(diff, 200)})`,
    );
    const stored = big.storedBytes();
    big.close();

    const size = statSync(file).size;
    const raw = encoded.reduce((n, e) => n + e.snap.rawBytes + e.rep.rawBytes, 0) / encoded.length;
    out.push(
      `bytes per stored run: ${(size / count / 1024).toFixed(1)} KiB (file ${(size / 1e6).toFixed(0)} MB / ${count} runs); ` +
        `compressed snapshot + report ${(stored / count / 1024).toFixed(1)} KiB of ${(raw / 1024).toFixed(0)} KiB JSON`,
    );
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchStore().then(
    (lines) => lines.forEach((l) => console.log(l)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
