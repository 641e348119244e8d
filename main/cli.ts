// ndes-doctor: the headless command line. Exit codes: 0 no check failed, 1 a check failed,
// 2 bad usage or an unreadable bundle.
import { parseArgs } from 'node:util';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { BundleDeps } from './acquire/bundle/cli-bundle';
import { ENGINE_VERSION as VERSION, RULESET_VERSION } from '../shared/engine/version';
import { diagnoseBundle } from './analysis/diagnose';
import { renderText } from '../shared/report/text';
import { renderHtml } from '../shared/report/html';
import { toJsonReport } from '../shared/report/json';

const USAGE = `Usage:
  ndes-doctor diagnose (--bundle <folder|zip> | --live) [--json] [--html FILE] [--verbose] [--db PATH] [--keep-copy] [--no-store]
  ndes-doctor collect --out <folder|zip> [--days N] [--log-cap-mb N] [--no-probe]
  ndes-doctor bundle export (--bundle PATH | --run ID | --live) --out FILE.zip [--redact pseudonymize|strict] [--db PATH]
  ndes-doctor bundle verify FILE.zip
  ndes-doctor fix list --bundle PATH [--json]
  ndes-doctor fix plan --bundle PATH --check ID [--param NAME=VALUE]... [--json]
  ndes-doctor fix apply --check ID [--bundle PATH] [--yes] [--dry-run] [--keep-on-failure] [--run RUN_ID]
  ndes-doctor fix undo FIX_ID [--yes] | fix history [--json] | fix show FIX_ID [--json]
  ndes-doctor runs list|show ID|diff A B|rejudge ID|delete ID [--json] [--db PATH]
  ndes-doctor serve [--bundle <folder|zip>] [--port N] [--no-open] [--db PATH]
  ndes-doctor probe <url> [--json] [--challenge C] [--enroll] [--ca-fingerprint SHA256]
  ndes-doctor help [probe|fix]     every option of those commands
  ndes-doctor --version
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'diagnose':
        return await diagnose(rest);
      // The other commands load on demand: `diagnose` starts without the SCEP, web and fix code.
      case 'serve':
        return await serve(rest);
      case 'runs':
        return await (await import('./store')).runsCommand(rest);
      case 'probe':
        return await (await import('./probe/cli-probe')).probeCommand(rest);
      case 'collect':
        return await (await import('./acquire/windows/cli-collect')).collectCommand(rest);
      case 'fix':
        return await (await import('./fix/cli-fix')).fixCommand(rest);
      case 'bundle': {
        // --db belongs to the run history (for --run ID); the rest is the bundle command's.
        const i = rest.indexOf('--db');
        const db = i >= 0 ? rest[i + 1] : undefined;
        const args = i >= 0 ? [...rest.slice(0, i), ...rest.slice(i + 2)] : rest;
        const { bundleCommand } = await import('./acquire/bundle/cli-bundle');
        return await bundleCommand(args, undefined, bundleDeps(db));
      }
      case '--version':
      case 'version':
        process.stdout.write(`ndes-doctor ${VERSION} (rules ${RULESET_VERSION})\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(
          rest[0] === 'probe'
            ? (await import('./probe/cli-probe')).PROBE_USAGE
            : rest[0] === 'fix'
              ? (await import('./fix/cli-fix')).FIX_USAGE
              : USAGE,
        );
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`ndes-doctor: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`ndes-doctor: ${(err as Error).message}\n`);
    return 2;
  }
}

async function diagnose(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      live: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      db: { type: 'string' },
      'keep-copy': { type: 'boolean', default: false },
      'no-store': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.bundle && !values.live)
    throw new UsageError('diagnose needs --bundle <folder|zip> or --live');
  if (values.bundle && values.live)
    throw new UsageError('diagnose takes --bundle or --live, not both');
  const t0 = performance.now();
  let bundle = values.bundle ? path.resolve(values.bundle) : '';
  if (values.live) {
    // Collect this server into a bundle first (read-only), then diagnose that bundle.
    const { collectLive } = await import('./acquire/windows/cli-collect');
    const collected = await collectLive({
      onProgress: (e) =>
        process.stderr.write(`  ${e.phase === 'start' ? '…' : e.status} ${e.artifact}\n`),
    });
    process.stderr.write(`Collected into ${collected.bundlePath}\n`);
    bundle = collected.bundlePath;
  }
  const diagnosis = await diagnoseBundle(bundle, { kind: values.live ? 'live' : 'bundle' });
  const { report } = diagnosis;
  if (!values['no-store']) {
    // Every diagnosis is kept in the run history; messages go to stderr so --json stays clean.
    try {
      const { storeDiagnosis } = await import('./store');
      const r = storeDiagnosis(values.db, diagnosis, report.source, performance.now() - t0, {
        keepCopy: values['keep-copy'],
      });
      if (r.notice) process.stderr.write(`ndes-doctor: ${r.notice}\n`);
      if (r.warning) process.stderr.write(`ndes-doctor: ${r.warning}\n`);
      process.stderr.write(`Stored as run ${r.id} (ndes-doctor runs show ${r.id}).\n`);
    } catch (err) {
      process.stderr.write(`ndes-doctor: the run was not stored: ${(err as Error).message}\n`);
    }
  }
  if (values.html) await fsp.writeFile(values.html, renderHtml(report), 'utf8');
  if (values.json) process.stdout.write(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
  else
    process.stdout.write(
      renderText(report, { color: Boolean(process.stdout.isTTY), verbose: values.verbose }),
    );
  return report.findings.some((f) => f.status === 'fail') ? 1 : 0;
}

/** What `bundle export --run ID | --live` needs from the run history and the live collector. */
function bundleDeps(db: string | undefined): BundleDeps {
  return {
    resolveRun: async (id) => {
      const { defaultDbPath, openStore } = await import('./store');
      const store = openStore(db ?? defaultDbPath());
      try {
        const run = store.getRun(Number(id));
        if (!run) throw new UsageError(`run ${id} is not in the history (${store.path})`);
        const bundlePath = run.summary.bundleCopy ?? run.summary.source.path;
        if (!bundlePath) throw new Error(`run ${id} has no bundle to export`);
        return { bundlePath, report: run.report };
      } finally {
        store.close();
      }
    },
    collectLive: async () => {
      const { collectLive } = await import('./acquire/windows/cli-collect');
      return (await collectLive({})).bundlePath;
    },
  };
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`bad --port ${values.port}`);
  const { startWebServer } = await import('./web/server');
  const server = await startWebServer({
    port,
    bundle: values.bundle ? path.resolve(values.bundle) : undefined,
    dbPath: values.db,
    rendererDir: path.join(__dirname, 'renderer'),
    demoBundle: path.join(__dirname, 'demo-bundle'),
    version: VERSION,
  });
  // The URL (with its token) is the first line of stdout: scripts and tests read it.
  process.stdout.write(`${server.url}\n`);
  process.stderr.write('NDES Doctor is running in browser mode. Press Ctrl+C to stop.\n');
  if (!values['no-open']) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

/** Opens the URL in the default browser (argument arrays only; failure is not an error). */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['rundll32.exe', ['url.dll,FileProtocolHandler', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`Open ${url} in a browser.\n`));
    child.unref();
  } catch {
    process.stderr.write(`Open ${url} in a browser.\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ndes-doctor: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
