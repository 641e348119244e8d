// The run history under real processes: two writers at once lose nothing, and a writer killed
// with SIGKILL in the middle of saving leaves a database that opens cleanly (integrity_check,
// no notice) with every run whose save had returned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../main/store/db';
import { REPO } from '../../helpers/paths';
import { diagnoseHost, removeStoreTemp, tempDbPath } from '../../helpers/store-runs';

const WRITER = path.join(__dirname, 'store-writer.ts');
let diagnosisJson: string;

beforeAll(async () => {
  const d = await diagnoseHost('http-503-apppool-stopped');
  diagnosisJson = path.join(path.dirname(tempDbPath()), 'diagnosis.json');
  writeFileSync(diagnosisJson, JSON.stringify({ report: d.report, snapshot: d.snapshot }));
}, 60_000);
afterAll(removeStoreTemp);

interface Writer {
  ids: number[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
  /** Resolves once the writer has reported `n` saved runs. */
  saved(n: number): Promise<void>;
}

function writer(
  db: string,
  count: number | 'forever',
  host: string,
  size: 'real' | 'small',
): Writer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, db, diagnosisJson, String(count), host, size],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ids: number[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let buf = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^saved (\d+)$/.exec(line);
      if (m) ids.push(Number(m[1]));
    }
    for (const w of waiters.filter((x) => ids.length >= x.n)) w.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    ids,
    done,
    kill: () => child.kill('SIGKILL'),
    saved: (n) =>
      new Promise<void>((resolve, reject) => {
        if (ids.length >= n) return resolve();
        waiters.push({ n, resolve });
        void done.then((r) => reject(new Error(`writer exited early (${r.code}): ${r.stderr}`)));
      }),
  };
}

describe('run history with several processes', () => {
  it('two processes saving at once: every run of both is stored, none twice', async () => {
    const db = tempDbPath();
    const N = 12;
    const a = writer(db, N, 'WRITER-A', 'real');
    const b = writer(db, N, 'WRITER-B', 'real');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra).toMatchObject({ code: 0 });
    expect(rb).toMatchObject({ code: 0 });
    expect(a.ids).toHaveLength(N);
    expect(b.ids).toHaveLength(N);
    expect(new Set([...a.ids, ...b.ids]).size).toBe(2 * N);

    const store = openStore(db);
    expect(store.notice).toBeNull();
    expect(store.countRuns()).toBe(2 * N);
    expect(
      store
        .listRuns({ host: 'WRITER-A', limit: 100 })
        .map((r) => r.id)
        .sort((x, y) => x - y),
    ).toEqual(a.ids);
    expect(
      store
        .listRuns({ host: 'WRITER-B', limit: 100 })
        .map((r) => r.id)
        .sort((x, y) => x - y),
    ).toEqual(b.ids);
    const last = store.getRun(b.ids[N - 1]!)!;
    expect(last.report.host.computerName).toBe('WRITER-B');
    expect(last.snapshot.appPools.state).toBe('ok');
    store.close();
  });

  it('a writer killed mid-write leaves a readable database with every committed run', async () => {
    const db = tempDbPath();
    const committed: number[] = [];
    const rounds: ['real' | 'small', number][] = [
      ['small', 0],
      ['small', 3],
      ['real', 7],
      ['small', 11],
      ['small', 1],
    ];
    for (const [size, delayMs] of rounds) {
      const w = writer(db, 'forever', 'KILLED', size);
      await w.saved(size === 'small' ? 40 : 3);
      await new Promise((r) => setTimeout(r, delayMs));
      w.kill();
      const r = await w.done;
      expect(r.signal).toBe('SIGKILL');
      committed.push(...w.ids);

      // Opening runs integrity_check: a damaged file would be moved aside with a notice.
      const store = openStore(db);
      expect(store.notice).toBeNull();
      for (const id of committed) expect(store.getSummary(id), `run ${id}`).not.toBeNull();
      // A save may have committed just before its `saved` line was printed: never fewer runs.
      expect(store.countRuns()).toBeGreaterThanOrEqual(committed.length);
      expect(store.getRun(committed[committed.length - 1]!)!.report.host.computerName).toBe(
        'KILLED',
      );
      store.close();
    }
  });
});
