// Benchmark (issue: diagnosis engine): a bundle with >= 1 GB of IIS logs, diagnosed by the CLI,
// side by side with the floor (`cat logs | wc -l`) and GoAccess on the same files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBigBundle } from './big-bundle';
import { catWc, has, median, timed } from './measure';
import { writeBundle } from '../test/fixtures/lib/write-bundle';
import { healthyHost } from '../test/fixtures/lib/spec';

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'bin', 'ndes-doctor.cjs');

export async function benchDiagnose(runs = 3): Promise<string[]> {
  const out: string[] = [];
  const big = await writeBigBundle(path.join(REPO, '.bench', 'big-bundle'));
  const gb = big.logBytes / 1024 ** 3;
  out.push(
    `bundle: ${big.logFiles.length} IIS log files, ${(big.logBytes / 1e6).toFixed(0)} MB (${gb.toFixed(2)} GiB)`,
  );

  await catWc(big.logFiles); // warm the page cache
  const floor: number[] = [];
  const ours: number[] = [];
  const rss: number[] = [];
  const goa: number[] = [];
  const goaRss: number[] = [];
  let lines = 0;
  let bigJson = '';
  for (let i = 0; i < runs; i++) {
    const f = await catWc(big.logFiles);
    floor.push(f.wallS);
    lines = f.lines;
    const d = timed(
      process.execPath,
      [CLI, 'diagnose', '--bundle', big.dir, '--json', '--no-store'],
      { keepStdout: true },
    );
    if (d.status !== 0 && d.status !== 1) throw new Error(`diagnose failed with ${d.status}`);
    ours.push(d.wallS);
    rss.push(d.maxRssMb);
    bigJson = d.stdout;
    if (has('goaccess')) {
      const report = path.join(mkdtempSync(path.join(tmpdir(), 'goaccess-')), 'report.json');
      const g = timed('goaccess', [...big.logFiles, '--log-format=W3C', '-o', report]);
      goa.push(g.wallS);
      goaRss.push(g.maxRssMb);
    }
  }
  const mb = big.logBytes / 1e6;
  const fl = median(floor);
  const us = median(ours);
  out.push(
    `floor   cat | wc -l: ${fl.toFixed(2)} s (${(mb / fl).toFixed(0)} MB/s, ${lines} lines)`,
  );
  out.push(
    `ours    diagnose:    ${us.toFixed(2)} s (${(mb / us).toFixed(0)} MB/s), peak RSS ${median(rss).toFixed(0)} MB, ${(us / fl).toFixed(2)}× the floor (target ≤ 3×, RSS < 400 MB)`,
  );
  if (goa.length) {
    const g = median(goa);
    out.push(
      `goaccess --log-format=W3C: ${g.toFixed(2)} s (${(mb / g).toFixed(0)} MB/s), peak RSS ${median(goaRss).toFixed(0)} MB; ours is ${(g / us).toFixed(2)}× faster (target ≥ 1.5×)`,
    );
  } else out.push('goaccess: not installed (apt-get install goaccess)');

  // Same findings as the small healthy bundle, apart from counts.
  const small = path.join(mkdtempSync(path.join(tmpdir(), 'bench-small-')), 'healthy');
  await writeBundle(healthyHost(), small);
  const smallJson = timed(
    process.execPath,
    [CLI, 'diagnose', '--bundle', small, '--json', '--no-store'],
    { keepStdout: true },
  ).stdout;
  const statuses = (json: string) =>
    (JSON.parse(json) as { findings: { checkId: string; status: string }[] }).findings.map(
      (f) => `${f.checkId}=${f.status}`,
    );
  const a = statuses(bigJson);
  const b = statuses(smallJson);
  const diff = a.filter((x, i) => x !== b[i]);
  out.push(
    diff.length === 0
      ? `findings: identical statuses to the small healthy bundle (${a.length} checks)`
      : `findings differ: ${diff.join(', ')}`,
  );
  return out;
}
