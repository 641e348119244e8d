// `ndes-doctor fix list|plan|apply|undo|history|show`: list and plan work on any OS from a bundle; apply
// and undo change the server, so they run on Windows, elevated, after an explicit yes (or --yes),
// unless --dry-run. Exit codes: 0 done, 1 refused / declined / failed, 2 bad usage or input.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { isRefusal } from '../../shared/model/fix-plan';
import { applicableFixes, planFix } from '../../shared/fixes';
import { fill } from '../../shared/engine/computed/text';
import { defaultDbPath } from '../store';
import { openFixRecords } from './records';
import { formatFixLog, formatHistory, formatList, formatPlan } from './cli-fix-format';
import { apply, undo } from './cli-fix-apply';
import {
  InputError,
  STRINGS,
  UsageError,
  diagnose,
  findingOf,
  json,
  params,
} from './cli-fix-common';
import type { Ctx, FixIo, Values } from './cli-fix-common';

export type { FixIo } from './cli-fix-common';

export const FIX_USAGE = `Usage:
  ndes-doctor fix list --bundle PATH [--json]              wizards that apply to that host
  ndes-doctor fix plan --bundle PATH --check ID [--param NAME=VALUE]... [--json]
  ndes-doctor fix apply --check ID [--bundle PATH] [--param NAME=VALUE]... [--yes] [--dry-run]
                        [--no-verify] [--keep-on-failure] [--run RUN_ID] [--db PATH]
                        Windows, elevated; asks before it changes anything. When a step fails, the
                        steps already applied are rolled back (asked; with --yes, done), or kept
                        with --keep-on-failure (undo them later with \`fix undo FIX_ID\`).
                        The diagnosis it plans from is stored as a run, or, with --run, recorded
                        against that stored run of the same host (the bundle it was made from).
  ndes-doctor fix undo FIX_ID [--yes] [--dry-run] [--db PATH]
  ndes-doctor fix history [--host NAME] [--limit N] [--json] [--db PATH]
  ndes-doctor fix show FIX_ID [--json] [--db PATH]          a recorded fix: commands, output, result
`;

const OPTIONS = {
  bundle: { type: 'string' },
  check: { type: 'string' },
  param: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  'no-verify': { type: 'boolean', default: false },
  'keep-on-failure': { type: 'boolean', default: false },
  run: { type: 'string' },
  db: { type: 'string' },
  host: { type: 'string' },
  limit: { type: 'string' },
} as const;

async function terminalConfirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

async function list(c: Ctx): Promise<number> {
  if (!c.v.bundle) throw new UsageError(fill(STRINGS.needBundle, { sub: 'list' }));
  const d = await diagnose(c.v.bundle);
  const fixes = applicableFixes(d.snapshot, d.report);
  const host = d.report.host.computerName;
  if (c.v.json) json(c.io, { host, collectedAt: d.report.collectedAt, fixes });
  else c.io.stdout.write(formatList(host, fixes));
  return 0;
}

async function plan(c: Ctx): Promise<number> {
  if (!c.v.bundle) throw new UsageError(fill(STRINGS.needBundle, { sub: 'plan' }));
  if (!c.v.check) throw new UsageError(fill(STRINGS.needCheck, { sub: 'plan' }));
  const p = params(c.v);
  const d = await diagnose(c.v.bundle);
  const result = planFix(d.snapshot, findingOf(d, c.v.check), p);
  if (c.v.json) json(c.io, { host: d.report.host.computerName, checkId: c.v.check, result });
  else if (isRefusal(result)) c.io.stdout.write(`${result.refused}\n`);
  else c.io.stdout.write(formatPlan(result));
  return isRefusal(result) ? 1 : 0;
}

function history(c: Ctx): number {
  const limit = c.v.limit === undefined ? 50 : Number(c.v.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit must be a whole number');
  const records = openFixRecords(c.db);
  try {
    const list = records.listFixes({ ...(c.v.host ? { host: c.v.host } : {}), limit });
    if (c.v.json) json(c.io, { database: records.path, fixes: list });
    else c.io.stdout.write(formatHistory(records.path, list));
    return 0;
  } finally {
    records.close();
  }
}

function show(c: Ctx, rawId: string | undefined): number {
  if (rawId === undefined || !/^\d{1,15}$/.test(rawId))
    throw new UsageError(fill(STRINGS.badId, { id: rawId ?? '' }));
  const records = openFixRecords(c.db);
  try {
    const rec = records.getFix(Number(rawId));
    if (!rec) throw new InputError(fill(STRINGS.noFix, { id: rawId, db: records.path }));
    if (c.v.json) json(c.io, rec);
    else c.io.stdout.write(formatFixLog(rec));
    return 0;
  } finally {
    records.close();
  }
}

/** `ndes-doctor fix <sub> …`; `args` excludes "fix". Resolves to the exit code. */
export async function fixCommand(
  args: string[],
  io: FixIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout.write(FIX_USAGE);
    return sub === undefined ? 2 : 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: OPTIONS,
      strict: true,
      allowPositionals: sub === 'undo' || sub === 'show',
    });
    const v = values as Values;
    const confirm =
      io.confirm ??
      (async (q: string) => {
        if (!process.stdin.isTTY) throw new InputError(fill(STRINGS.noTty, { sub }));
        return terminalConfirm(q);
      });
    const c: Ctx = {
      io,
      v,
      platform: io.platform ?? process.platform,
      db: v.db ?? defaultDbPath(),
      confirm,
    };
    switch (sub) {
      case 'list':
        return await list(c);
      case 'plan':
        return await plan(c);
      case 'apply':
        return await apply(c);
      case 'undo':
        return await undo(c, positionals[0]);
      case 'history':
        return history(c);
      case 'show':
        return show(c, positionals[0]);
      default:
        throw new UsageError(fill(STRINGS.unknownSub, { sub }));
    }
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    const usage = err instanceof UsageError || code.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`ndes-doctor: ${(err as Error).message}\n${usage ? FIX_USAGE : ''}`);
    return 2;
  }
}
