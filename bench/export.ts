// Benchmark (issue: support bundles): the >= 1 GB bundle of bench/big-bundle.ts exported with
// pseudonymize redaction, in a child process under GNU time for its peak RSS.
// Targets: >= 50 MB/s, peak RSS < 300 MB. Also checks that the export diagnoses like the source.
// Run alone: node --import tsx bench/export.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBigBundle } from './big-bundle';
import { timed } from './measure';

const REPO = path.resolve(__dirname, '..');

interface ChildResult {
  exportS: number;
  bytesIn: number;
  zipBytes: number;
  statusChanges: number;
  files: number;
}

/** The measured part, run in the child: open, export with pseudonymization, report. */
async function child(bundle: string, out: string): Promise<void> {
  const { openBundle } = await import('../main/acquire/bundle/reader');
  const { exportBundle } = await import('../main/acquire/bundle/export');
  const t0 = process.hrtime.bigint();
  const source = await openBundle(bundle);
  const res = await exportBundle({ source, out, redact: 'pseudonymize' });
  await source.close();
  const result: ChildResult = {
    exportS: Number(process.hrtime.bigint() - t0) / 1e9,
    bytesIn: res.bytesIn,
    zipBytes: res.zipBytes,
    statusChanges: res.statusChanges.length,
    files: res.files,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export async function benchExport(runs = 2): Promise<string[]> {
  const out: string[] = [];
  const big = await writeBigBundle(path.join(REPO, '.bench', 'big-bundle'));
  const work = mkdtempSync(path.join(tmpdir(), 'bench-export-'));
  out.push(
    `bundle: ${big.logFiles.length} IIS log files, ${(big.logBytes / 1e6).toFixed(0)} MB of logs`,
  );
  const results: { r: ChildResult; wallS: number; rss: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const zip = path.join(work, `export-${i}.zip`);
      const m = timed(process.execPath, ['--import', 'tsx', __filename, '--child', big.dir, zip], {
        keepStdout: true,
        cwd: REPO,
      });
      if (m.status !== 0) throw new Error(`export child failed with ${m.status}`);
      const r = JSON.parse(m.stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
      results.push({ r, wallS: m.wallS, rss: m.maxRssMb });
      if (i === 0) {
        const { diagnoseBundle } = await import('../main/analysis/diagnose');
        const a = (await diagnoseBundle(big.dir)).report.findings.map(
          (f) => `${f.checkId}=${f.status}`,
        );
        const b = (await diagnoseBundle(zip)).report.findings.map(
          (f) => `${f.checkId}=${f.status}`,
        );
        const diff = a.filter((x, k) => x !== b[k]);
        out.push(
          diff.length === 0
            ? `findings: the export diagnoses to the same statuses (${a.length} checks)`
            : `findings differ after export: ${diff.join(', ')}`,
        );
      }
      rmSync(zip, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const best = results.reduce((x, y) => (y.r.exportS < x.r.exportS ? y : x));
  const mb = best.r.bytesIn / 1e6;
  out.push(
    `export --redact pseudonymize: ${best.r.exportS.toFixed(2)} s for ${mb.toFixed(0)} MB (${(mb / best.r.exportS).toFixed(0)} MB/s; ${(mb / best.wallS).toFixed(0)} MB/s with process start), zip ${(best.r.zipBytes / 1e6).toFixed(0)} MB, ${best.r.files} files`,
  );
  out.push(
    `peak RSS ${Math.max(...results.map((x) => x.rss)).toFixed(0)} MB over ${results.length} run(s) (target >= 50 MB/s, RSS < 300 MB)`,
  );
  if (results.some((x) => x.r.statusChanges > 0))
    out.push('WARNING: the export reported status changes');
  return out;
}

if (require.main === module) {
  const [flag, bundle, zip] = process.argv.slice(2);
  if (flag === '--child' && bundle && zip) {
    child(bundle, zip).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  } else {
    benchExport().then(
      (lines) => console.log(lines.join('\n')),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  }
}
