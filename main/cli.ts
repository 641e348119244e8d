// ndes-doctor: the headless command line. Exit codes: 0 no check failed, 1 a check failed,
// 2 bad usage or an unreadable bundle.
import { parseArgs } from 'node:util';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startWebServer } from './web/server';
import { ENGINE_VERSION as VERSION } from '../shared/engine/version';
import { diagnoseBundle } from './analysis/diagnose';
import { renderText } from '../shared/report/text';
import { renderHtml } from '../shared/report/html';
import { toJsonReport } from '../shared/report/json';

const USAGE = `Usage:
  ndes-doctor diagnose --bundle <folder|zip> [--json] [--html FILE] [--verbose]
  ndes-doctor serve [--bundle <folder|zip>] [--port N] [--no-open]
  ndes-doctor help
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'diagnose':
        return await diagnose(rest);
      case 'serve':
        return await serve(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
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
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.bundle) throw new UsageError('diagnose needs --bundle <folder|zip>');
  const { report } = await diagnoseBundle(values.bundle);
  if (values.html) await fsp.writeFile(values.html, renderHtml(report), 'utf8');
  if (values.json) process.stdout.write(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
  else
    process.stdout.write(
      renderText(report, { color: Boolean(process.stdout.isTTY), verbose: values.verbose }),
    );
  return report.findings.some((f) => f.status === 'fail') ? 1 : 0;
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bad --port ${values.port}`);
  const server = await startWebServer({
    port,
    bundle: values.bundle,
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
