// `ndes-doctor bundle export|verify`: support bundles from the command line. Exit codes follow the
// CLI: 0 done, 1 verify found a mismatch (or a redacted export judged differently, a bug to
// report), 2 bad usage, an unreadable bundle or a cancelled export.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { openBundle, BundleError } from './reader';
import { exportBundle } from './export';
import type { ExportProgress } from './export';
import { verifyBundle } from './verify';
import { diagnoseBundle } from '../../analysis/diagnose';
import type { Report } from '../../../shared/model';

export const BUNDLE_USAGE = `Usage:
  ndes-doctor bundle export (--bundle PATH | --run ID | --live) --out FILE.zip
                            [--redact pseudonymize|strict] [--mapping FILE]
  ndes-doctor bundle verify FILE.zip|FOLDER [--json]

  --redact pseudonymize  host names, domains, accounts, UPNs, IPs and SIDs become consistent tokens
  --redact strict        the same, and certificates are exported as summaries only
  --mapping FILE         also write the token → original table to FILE (never into the zip)
Secrets (private keys, .pfx, IIS and MSCEP passwords, challenge passwords, proxy credentials)
are never exported, whatever the mode.
`;

export interface BundleIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress lines are drawn only on a terminal. */
  isTTY?: boolean;
}

export interface BundleDeps {
  /** A stored run: its bundle (folder or zip) and the report it was given. */
  resolveRun?(id: string): Promise<{ bundlePath: string; report?: Report }>;
  /** Collects this machine now; returns the bundle folder. */
  collectLive?(): Promise<string>;
  /** Cancels an export (the CLI wires Ctrl+C to it when none is given). */
  signal?: AbortSignal;
}

const processIo: BundleIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

class UsageError extends Error {}

/** Runs `bundle <subcommand> …`; never throws. */
export async function bundleCommand(
  args: string[],
  io: BundleIo = processIo,
  deps: BundleDeps = {},
): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'export') return await exportCommand(rest, io, deps);
    if (sub === 'verify') return await verifyCommand(rest, io);
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.stdout(BUNDLE_USAGE);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown bundle command "${sub}"`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (err instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ndes-doctor: ${(err as Error).message}\n${BUNDLE_USAGE}`);
      return 2;
    }
    if ((err as Error).name === 'AbortError' || code === 'ABORT_ERR') {
      io.stderr('ndes-doctor: export cancelled; nothing was written\n');
      return 2;
    }
    io.stderr(`ndes-doctor: ${(err as Error).message}\n`);
    return 2;
  }
}

function mb(n: number): string {
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
}

async function exportCommand(args: string[], io: BundleIo, deps: BundleDeps): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      run: { type: 'string' },
      live: { type: 'boolean', default: false },
      out: { type: 'string' },
      redact: { type: 'string' },
      mapping: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const sources = [values.bundle !== undefined, values.run !== undefined, values.live].filter(
    Boolean,
  );
  if (sources.length !== 1)
    throw new UsageError('export needs exactly one of --bundle, --run, --live');
  if (!values.out) throw new UsageError('export needs --out FILE.zip');
  if (!/\.zip$/i.test(values.out))
    throw new UsageError(`--out must name a .zip file (got ${values.out})`);
  const redact = values.redact;
  if (redact !== undefined && redact !== 'pseudonymize' && redact !== 'strict') {
    throw new UsageError(`--redact must be pseudonymize or strict (got ${redact})`);
  }
  if (values.mapping && !redact) throw new UsageError('--mapping only makes sense with --redact');

  let location: string;
  let report: Report | undefined;
  if (values.run !== undefined) {
    if (!deps.resolveRun) throw new UsageError('--run is not available in this build');
    const run = await deps.resolveRun(values.run);
    location = run.bundlePath;
    report = run.report;
  } else if (values.live) {
    if (!deps.collectLive) throw new UsageError('--live is not available on this machine');
    io.stderr('Collecting this NDES server…\n');
    location = await deps.collectLive();
  } else location = values.bundle!;

  // A redacted export is compared with the original diagnosis: a changed status is a bug.
  if (redact && !report) report = (await diagnoseBundle(location)).report;

  const source = await openBundle(location);
  const controller = new AbortController();
  const signal = deps.signal ?? controller.signal;
  const onSigint = () => controller.abort();
  if (!deps.signal) process.once('SIGINT', onSigint);
  let lastDraw = 0;
  const onProgress = (p: ExportProgress) => {
    if (!io.isTTY) return;
    const now = Date.now();
    if (p.phase === 'files' && now - lastDraw < 200) return;
    lastDraw = now;
    const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0;
    const what = p.phase === 'files' ? `${pct}% ${p.file ?? ''}` : p.phase;
    io.stderr(`\r\x1b[2KExporting: ${what.slice(0, 100)}`);
  };
  try {
    const res = await exportBundle({
      source,
      out: values.out,
      redact,
      report,
      mappingOut: values.mapping,
      signal,
      onProgress,
    });
    if (io.isTTY) io.stderr('\r\x1b[2K');
    io.stdout(
      `Exported ${res.out}: ${res.files} files, ${mb(res.zipBytes)} (from ${mb(res.bytesIn)}), redaction: ${res.mode}.\n`,
    );
    if (res.removed.length) io.stdout(`Removed or replaced: ${res.removed.join(', ')}.\n`);
    for (const x of res.excluded) io.stdout(`Left out ${x.src}: ${x.reason}.\n`);
    if (res.mappingOut) {
      io.stdout(`Token mapping (keep it private, it is not in the zip): ${res.mappingOut}\n`);
    }
    if (res.statusChanges.length > 0) {
      io.stderr(
        `ndes-doctor: the redacted bundle is judged differently from the original (please report this):\n${res.statusChanges
          .map((c) => `  ${c.checkId}: ${c.before} -> ${c.after}\n`)
          .join('')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await source.close();
  }
}

async function verifyCommand(args: string[], io: BundleIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('verify needs one FILE.zip or folder');
  const file = positionals[0]!;
  let res;
  try {
    res = await verifyBundle(file);
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(file, (err as Error).message);
  }
  if (values.json) {
    const { manifest: _m, ...rest } = res;
    io.stdout(`${JSON.stringify(rest, null, 2)}\n`);
    return res.ok ? 0 : 1;
  }
  const name = path.basename(file);
  for (const m of res.mismatches) {
    io.stdout(
      `MODIFIED ${m.path}: sha256 ${m.actual}, manifest says ${m.expected}${m.expectedBytes !== undefined && m.expectedBytes !== m.actualBytes ? ` (${m.actualBytes} bytes, manifest says ${m.expectedBytes})` : ''}\n`,
    );
  }
  for (const p of res.missing)
    io.stdout(`MISSING  ${p}: listed in the manifest, not in the bundle\n`);
  for (const p of res.extra) io.stdout(`EXTRA    ${p}: not listed in the manifest\n`);
  if (res.ok) {
    io.stdout(
      `${name}: OK, ${res.checked} files match the manifest${res.unverified.length ? ` (${res.unverified.length} without a hash)` : ''}.\n`,
    );
    return 0;
  }
  io.stdout(
    `${name}: FAILED, ${res.mismatches.length} modified, ${res.missing.length} missing of ${res.checked + res.missing.length} files.\n`,
  );
  return 1;
}
