// ndes-doctor: the headless command line. Exit codes: 0 no check failed, 1 a check failed,
// 2 bad usage or an unreadable bundle.
import { parseArgs } from 'node:util';
import { promises as fsp } from 'node:fs';
import { diagnoseBundle } from './analysis/diagnose';
import { renderText } from '../shared/report/text';
import { renderHtml } from '../shared/report/html';
import { toJsonReport } from '../shared/report/json';

const USAGE = `Usage:
  ndes-doctor diagnose --bundle <folder|zip> [--json] [--html FILE] [--verbose]
  ndes-doctor help
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'diagnose':
        return await diagnose(rest);
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
