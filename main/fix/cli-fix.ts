// `ndes-doctor fix list|plan|apply|undo|history`: guided fixes from the command line. list and
// plan work on any OS from a bundle; apply and undo change the NDES server, so they run only on
// Windows, elevated, after an explicit confirmation (or --yes), unless --dry-run shows everything
// and runs nothing. Exit codes: 0 done, 1 refused / declined / failed, 2 bad usage or unusable input.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import type { EvidenceKey } from '../../shared/model';
import type { FixParams, FixPlan } from '../../shared/model/fix-plan';
import { isRefusal } from '../../shared/model/fix-plan';
import { applicableFixes, planFix } from '../../shared/fixes';
import { EVIDENCE_PATHS, bundlePathsOf } from '../../shared/fixes/evidence-paths';
import { fill } from '../../shared/engine/computed/text';
import { diagnoseBundle } from '../analysis/diagnose';
import type { Diagnosis } from '../analysis/diagnose';
import { defaultToolMap, Executor } from '../acquire/windows/executor';
import { readHostInfo } from '../acquire/windows/host-info';
import { defaultDbPath, storeDiagnosis } from '../store';
import { dryRunPlan, executePlan, undoPlan } from './executor';
import type { ExecuteOptions, FixToolMap } from './executor';
import { defaultBackupDir, openFixRecords } from './records';
import { liveCollect, verifyFix } from './verify';
import type { CollectFn } from './verify';
import {
  formatDryRun,
  formatHistory,
  formatList,
  formatPlan,
  formatStepEnd,
  formatVerification,
} from './cli-fix-format';

export const FIX_USAGE = `Usage:
  ndes-doctor fix list --bundle PATH [--json]              wizards that apply to that host
  ndes-doctor fix plan --bundle PATH --check ID [--param NAME=VALUE]... [--json]
  ndes-doctor fix apply --check ID [--bundle PATH] [--param NAME=VALUE]... [--yes] [--dry-run]
                        [--no-verify] [--db PATH]         Windows, elevated; asks before it changes anything
  ndes-doctor fix undo FIX_ID [--yes] [--dry-run] [--db PATH]
  ndes-doctor fix history [--host NAME] [--limit N] [--json] [--db PATH]
`;

const STRINGS = {
  needBundle: 'fix {sub} needs --bundle <folder|zip>',
  needCheck: 'fix {sub} needs --check <check id>',
  needBundleOffWindows:
    'fix apply --dry-run off Windows needs --bundle <folder|zip> (there is no live host to read)',
  windowsOnly:
    'fix {sub} changes the NDES server: it runs on that server (Windows), elevated. Use --dry-run to see the exact commands here.',
  notElevated: 'fix {sub} needs an elevated prompt (Run as administrator).',
  unknownCheck: 'no check "{check}" in the report of {host}',
  badParam: '--param must be NAME=VALUE, not "{param}"',
  unknownSub: 'unknown fix command "{sub}"',
  badId: '"{id}" is not a fix id (a number from `fix history`)',
  noFix: 'no fix {id} in {db}',
  collecting: 'Collecting this server again…',
  confirm: 'Apply these {n} step(s) on {host}? Type "yes" to go on: ',
  confirmUndo: 'Undo {n} step(s) of fix {id} on {host}? Type "yes" to go on: ',
  confirmRollback: 'Step "{step}" failed. Roll back the {n} step(s) already applied? Type "yes": ',
  declined: 'Nothing was changed.',
  noTty: 'fix {sub} asks for confirmation: run it in a terminal, or pass --yes.',
  stored: 'Recorded as fix {id} (ndes-doctor fix undo {id} reverses it). Backups: {dir}',
  dryStored: 'Recorded as dry run {id}; nothing was run.',
  runNotStored: 'the diagnosis was not stored: {why}',
  result: 'Result: {status}.',
  rebootNow: 'Restart the server now for the change to take effect.',
  nothingToUndo: 'Fix {id} has nothing to undo (status {status}).',
  undone: 'Fix {id} undone.',
  undoIncomplete: 'Undo of fix {id} incomplete; still applied: {steps}.',
  verifyFailed: 'verification failed: {why}',
};

/** Where output goes and the seams tests use (default: this process, the real host). */
export interface FixIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  /** Answers a yes/no question (default: a prompt on the terminal). */
  confirm?: (question: string) => Promise<boolean>;
  platform?: NodeJS.Platform;
  /** Default: host-info.ps1's check of the Administrators SID. */
  isElevated?: () => Promise<boolean>;
  exec?: Executor;
  tools?: FixToolMap;
  /** Collects this host (default: the live collector). */
  collect?: CollectFn;
  signal?: AbortSignal;
}

class UsageError extends Error {}
class InputError extends Error {}

const OPTIONS = {
  bundle: { type: 'string' },
  check: { type: 'string' },
  param: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  'no-verify': { type: 'boolean', default: false },
  db: { type: 'string' },
  host: { type: 'string' },
  limit: { type: 'string' },
} as const;

interface Values {
  bundle?: string;
  check?: string;
  param?: string[];
  json?: boolean;
  yes?: boolean;
  'dry-run'?: boolean;
  'no-verify'?: boolean;
  db?: string;
  host?: string;
  limit?: string;
}

function params(v: Values): FixParams {
  const out: FixParams = {};
  for (const p of v.param ?? []) {
    const m = /^([A-Za-z][A-Za-z0-9]{0,31})=(.*)$/s.exec(p);
    if (!m) throw new UsageError(fill(STRINGS.badParam, { param: p }));
    out[m[1]!] = m[2];
  }
  return out;
}

function json(io: FixIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function diagnose(location: string): Promise<Diagnosis> {
  try {
    return await diagnoseBundle(path.resolve(location));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

function findingOf(d: Diagnosis, check: string) {
  const f = d.report.findings.find((x) => x.checkId === check);
  if (!f)
    throw new InputError(fill(STRINGS.unknownCheck, { check, host: d.report.host.computerName }));
  return f;
}

async function terminalConfirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

async function defaultIsElevated(): Promise<boolean> {
  const info = await readHostInfo(new Executor(defaultToolMap()), {
    timeoutMs: 60_000,
    now: new Date(),
  });
  return info.elevated === true;
}

interface Ctx {
  io: FixIo;
  v: Values;
  platform: NodeJS.Platform;
  db: string;
  confirm: (q: string) => Promise<boolean>;
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

/** The diagnosis the plan starts from: the given bundle, or this host collected now. */
async function startingPoint(c: Ctx, collect: CollectFn): Promise<Diagnosis> {
  if (c.v.bundle) return diagnose(c.v.bundle);
  c.io.stderr.write(`${STRINGS.collecting}\n`);
  const all = bundlePathsOf(Object.keys(EVIDENCE_PATHS) as EvidenceKey[]);
  return diagnose(await collect(all, c.io.signal));
}

function storeRun(c: Ctx, d: Diagnosis): number | null {
  try {
    return storeDiagnosis(c.db, d, d.report.source, 0).id;
  } catch (err) {
    c.io.stderr.write(
      `ndes-doctor: ${fill(STRINGS.runNotStored, { why: (err as Error).message })}\n`,
    );
    return null;
  }
}

function runOptions(c: Ctx, backupDir: string, id: number | string): ExecuteOptions {
  return {
    backupDir,
    iisBackupName: `ndes-doctor-fix-${id}`,
    ...(c.io.exec ? { exec: c.io.exec } : {}),
    ...(c.io.tools ? { tools: c.io.tools } : {}),
    signal: c.io.signal,
    onOutput: (_step, chunk) => c.io.stdout.write(chunk),
    onEvent: (e) =>
      e.type === 'step-start'
        ? c.io.stdout.write(`\n[${e.phase}] ${e.title}\n> ${e.summary}\n`)
        : c.io.stdout.write(formatStepEnd(e.record)),
  };
}

async function mustBeHostAdmin(c: Ctx, sub: string): Promise<void> {
  if (c.platform !== 'win32') throw new InputError(fill(STRINGS.windowsOnly, { sub }));
  const elevated = await (c.io.isElevated ?? defaultIsElevated)();
  if (!elevated) throw new InputError(fill(STRINGS.notElevated, { sub }));
}

async function apply(c: Ctx): Promise<number> {
  if (!c.v.check) throw new UsageError(fill(STRINGS.needCheck, { sub: 'apply' }));
  const dry = c.v['dry-run'] === true;
  if (dry && c.platform !== 'win32' && !c.v.bundle)
    throw new UsageError(STRINGS.needBundleOffWindows);
  if (!dry) await mustBeHostAdmin(c, 'apply');
  const p = params(c.v);
  const live = c.io.collect ? { collect: c.io.collect, cleanup: async () => {} } : liveCollect();
  try {
    const d = await startingPoint(c, live.collect);
    const result = planFix(d.snapshot, findingOf(d, c.v.check), p);
    if (isRefusal(result)) {
      if (c.v.json) json(c.io, { refused: result.refused, missingParams: result.missingParams });
      else c.io.stdout.write(`${result.refused}\n`);
      return 1;
    }
    if (!c.v.json) c.io.stdout.write(formatPlan(result));
    const host = d.report.host.computerName;
    const runId = storeRun(c, d);
    const records = openFixRecords(c.db);
    try {
      if (dry) return dryRun(c, result, records, runId, host);
      if (!c.v.yes && !(await c.confirm(fill(STRINGS.confirm, { n: result.steps.length, host })))) {
        c.io.stdout.write(`${STRINGS.declined}\n`);
        return 1;
      }
      const id = records.startFix({ runId, host, plan: result });
      const backupDir = defaultBackupDir(records.path, id);
      records.setBackupPath(id, backupDir);
      const out = await executePlan(result, {
        ...runOptions(c, backupDir, id),
        rollback: c.v.yes
          ? true
          : (f) =>
              c.confirm(fill(STRINGS.confirmRollback, { step: f.stepId, n: f.applied.length })),
      });
      records.finishFix(id, out);
      c.io.stdout.write(`\n${fill(STRINGS.result, { status: out.status })}\n`);
      if (out.message && out.status !== 'applied') c.io.stdout.write(`${out.message}\n`);
      c.io.stdout.write(`${fill(STRINGS.stored, { id, dir: backupDir })}\n`);
      if (out.status !== 'applied') return 1;
      if (!c.v['no-verify']) {
        try {
          const v = await verifyFix({
            before: d.snapshot,
            beforeReport: d.report,
            checks: result.verifyChecks,
            collect: live.collect,
            rebootPending: out.rebootRequired,
            signal: c.io.signal,
          });
          const { findings: _f, ...verification } = v;
          records.setVerification(id, verification);
          c.io.stdout.write(formatVerification(verification));
        } catch (err) {
          c.io.stderr.write(
            `ndes-doctor: ${fill(STRINGS.verifyFailed, { why: (err as Error).message })}\n`,
          );
        }
      }
      if (out.rebootRequired) c.io.stdout.write(`${STRINGS.rebootNow}\n`);
      return 0;
    } finally {
      records.close();
    }
  } finally {
    await live.cleanup();
  }
}

function dryRun(
  c: Ctx,
  plan: FixPlan,
  records: ReturnType<typeof openFixRecords>,
  runId: number | null,
  host: string,
): number {
  const id = records.startFix({ runId, host, plan, dryRun: true });
  const backupDir = defaultBackupDir(records.path, id);
  const tools = c.io.tools;
  const lines = dryRunPlan(plan, tools ?? dryTools(), {
    backupDir,
    iisBackupName: `ndes-doctor-fix-${id}`,
  });
  records.finishFix(id, {
    status: 'dry-run',
    records: [],
    applied: [],
    failedStep: null,
    rebootRequired: plan.needsReboot,
    backupDir,
    message: null,
  });
  if (c.v.json) json(c.io, { id, plan, backupDir, commands: lines });
  else c.io.stdout.write(`\n${formatDryRun(lines)}${fill(STRINGS.dryStored, { id })}\n`);
  return 0;
}

/** The Windows tool paths shown by a dry run, whatever OS it runs on. */
function dryTools(): FixToolMap {
  const t = defaultToolMap({ SystemRoot: 'C:\\Windows' });
  return {
    'reg.exe': t['reg.exe'],
    'appcmd.exe': t['appcmd.exe'],
    'certutil.exe': t['certutil.exe'],
    'secedit.exe': t['secedit.exe'],
    'iisreset.exe': 'C:\\Windows\\System32\\iisreset.exe',
    'powershell.exe': t['powershell.exe'],
  };
}

async function undo(c: Ctx, rawId: string | undefined): Promise<number> {
  if (rawId === undefined || !/^\d{1,15}$/.test(rawId))
    throw new UsageError(fill(STRINGS.badId, { id: rawId ?? '' }));
  const id = Number(rawId);
  const dry = c.v['dry-run'] === true;
  const records = openFixRecords(c.db);
  try {
    const rec = records.getFix(id);
    if (!rec) throw new InputError(fill(STRINGS.noFix, { id, db: records.path }));
    if (rec.appliedSteps.length === 0 || rec.dryRun) {
      c.io.stdout.write(`${fill(STRINGS.nothingToUndo, { id, status: rec.status })}\n`);
      return 1;
    }
    if (!dry) await mustBeHostAdmin(c, 'undo');
    const opts = runOptions(c, rec.backupPath ?? defaultBackupDir(records.path, id), id);
    const shown = await undoPlan(rec.plan, rec.appliedSteps, {
      ...opts,
      dryRun: true,
      tools: c.io.tools ?? dryTools(),
    });
    c.io.stdout.write(formatDryRun(shown.dryRun ?? []));
    if (dry) return 0;
    const n = rec.appliedSteps.length;
    if (!c.v.yes && !(await c.confirm(fill(STRINGS.confirmUndo, { n, id, host: rec.host })))) {
      c.io.stdout.write(`${STRINGS.declined}\n`);
      return 1;
    }
    const r = await undoPlan(rec.plan, rec.appliedSteps, opts);
    records.recordUndo(id, r);
    if (r.ok) c.io.stdout.write(`\n${fill(STRINGS.undone, { id })}\n`);
    else
      c.io.stdout.write(
        `\n${fill(STRINGS.undoIncomplete, { id, steps: r.remaining.join(', ') })}\n`,
      );
    if (rec.plan.needsReboot) c.io.stdout.write(`${STRINGS.rebootNow}\n`);
    return r.ok ? 0 : 1;
  } finally {
    records.close();
  }
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
      allowPositionals: sub === 'undo',
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
