// Applies a fix plan (STYLE principle 7): prechecks, then every backup into the run's backup
// folder, then the steps in order, streaming output; stops at the first failing step and, when the
// caller agrees, undoes the steps already applied in reverse. Processes start only through the
// live collector's Executor, with argument arrays; scripts go through -EncodedCommand.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type {
  FixArg,
  FixBackup,
  FixCommand,
  FixPlan,
  FixScriptParam,
  FixStep,
  FixTool,
} from '../../shared/model/fix-plan';
import { commandText, windowsQuote } from '../../shared/fixes/command-line';
import { matches } from '../../shared/fixes/validate';
import { defaultToolMap, Executor } from '../acquire/windows/executor';
import type { PsParam } from '../acquire/windows/powershell';
import { composeFixScript, fixScriptArgs } from './scripts';
import { runStreaming } from './stream-run';

/** Absolute path of every program a fix may start. Tests map them to stand-in scripts. */
export type FixToolMap = Record<FixTool | 'powershell.exe', string>;

/** The real tools: the collector's map plus iisreset (System32) for the ones it lacks. */
export function defaultFixTools(env: NodeJS.ProcessEnv = process.env): FixToolMap {
  const t = defaultToolMap(env);
  return {
    'reg.exe': t['reg.exe'],
    'appcmd.exe': t['appcmd.exe'],
    'certutil.exe': t['certutil.exe'],
    'secedit.exe': t['secedit.exe'],
    'iisreset.exe': path.win32.join(path.win32.dirname(t['reg.exe']), 'iisreset.exe'),
    'powershell.exe': t['powershell.exe'],
  };
}

/** Where references in a plan point for one run. */
export interface CommandContext {
  backupDir: string;
  /** `appcmd add backup` name of this fix, e.g. `ndes-doctor-fix-12`. */
  iisBackupName: string;
  /** Path rules for backup files (the host's; default this process's). */
  platform?: NodeJS.Platform;
}

/** A command ready to start, and how it reads. */
export interface ResolvedCommand {
  file: string;
  args: string[];
  /** The exact command line (Windows quoting), copyable. */
  commandLine: string;
  /** The readable form (for a script: its name and parameters). */
  summary: string;
  /** For a script: the composed text (parameters, prelude, script) that -EncodedCommand carries. */
  script?: string;
}

function backupPath(file: string, ctx: CommandContext): string {
  if (!matches('backupFile', file)) throw new Error(`refusing backup file name "${file}"`);
  const p = (ctx.platform ?? process.platform) === 'win32' ? path.win32 : path.posix;
  return p.join(ctx.backupDir, file);
}

function iisName(ctx: CommandContext): string {
  if (!/^ndes-doctor-fix-[a-z0-9-]{1,40}$/.test(ctx.iisBackupName))
    throw new Error(`refusing IIS backup name "${ctx.iisBackupName}"`);
  return ctx.iisBackupName;
}

function resolveArg(a: FixArg, ctx: CommandContext): string {
  if (typeof a === 'string') return a;
  return 'backupFile' in a ? backupPath(a.backupFile, ctx) : iisName(ctx);
}

function resolveParam(v: FixScriptParam, ctx: CommandContext): PsParam {
  return typeof v === 'object' && !Array.isArray(v) ? backupPath(v.backupFile, ctx) : v;
}

export function resolveCommand(
  cmd: FixCommand,
  tools: FixToolMap,
  ctx: CommandContext,
): ResolvedCommand {
  const view = { backupDir: ctx.backupDir, iisBackupName: ctx.iisBackupName };
  if ('tool' in cmd) {
    const file = tools[cmd.tool];
    const args = cmd.args.map((a) => resolveArg(a, ctx));
    return {
      file,
      args,
      commandLine: [file, ...args].map(windowsQuote).join(' '),
      summary: commandText(cmd, view),
    };
  }
  const params = Object.fromEntries(
    Object.entries(cmd.params).map(([k, v]) => [k, resolveParam(v, ctx)]),
  );
  const script = composeFixScript(cmd.powershell, params);
  const file = tools['powershell.exe'];
  const args = fixScriptArgs(script);
  return {
    file,
    args,
    commandLine: [file, ...args].map(windowsQuote).join(' '),
    summary: commandText(cmd, view),
    script,
  };
}

export type FixPhase = 'precheck' | 'backup' | 'apply' | 'undo';

/** What happened to one command, as the history keeps it. */
export interface StepRecord {
  stepId: string;
  phase: FixPhase;
  title: string;
  commandLine: string;
  summary: string;
  startedAt: string;
  exitCode: number | null;
  ok: boolean;
  timedOut: boolean;
  cancelled: boolean;
  /** Why it did not complete normally (not started, timed out, cancelled). */
  error: string | null;
  durationMs: number;
  /** Last 8 KiB of its output. */
  output: string;
  /** The command asked for a reboot (exit code 3010). */
  rebootRequired?: boolean;
}

/** A command as a dry run shows it. */
export interface DryRunLine {
  stepId: string;
  phase: FixPhase;
  title: string;
  commandLine: string;
  summary: string;
  script?: string;
}

export type FixEvent =
  | {
      type: 'step-start';
      stepId: string;
      phase: FixPhase;
      title: string;
      commandLine: string;
      summary: string;
    }
  | { type: 'step-end'; record: StepRecord };

/** What the caller decides after a failure or cancellation. */
export interface FailureInfo {
  stepId: string;
  message: string;
  /** Change steps already applied, in order. */
  applied: string[];
}

export interface ExecuteOptions extends CommandContext {
  /** The collector's executor (default: the real Windows tools on this platform). */
  exec?: Executor;
  tools?: FixToolMap;
  /** Show everything, run nothing. */
  dryRun?: boolean;
  /** Time limit of a step without its own (default 10 minutes). */
  stepTimeoutMs?: number;
  signal?: AbortSignal;
  /** Output of the running command, as it arrives (the xterm pane). */
  onOutput?: (stepId: string, chunk: string) => void;
  onEvent?: (e: FixEvent) => void;
  /**
   * After a failure or cancellation: undo the applied steps (true), keep them (false, default),
   * or ask (the CLI prompts, the UI shows a button).
   */
  rollback?: boolean | ((f: FailureInfo) => Promise<boolean>);
}

export type ExecuteStatus =
  'applied' | 'failed' | 'refused' | 'cancelled' | 'rolled-back' | 'dry-run';

export interface ExecuteResult {
  status: ExecuteStatus;
  records: StepRecord[];
  /** Change steps whose command succeeded (what an undo reverses). */
  applied: string[];
  failedStep: string | null;
  /** A step needs a reboot, or a command asked for one. */
  rebootRequired: boolean;
  backupDir: string;
  message: string | null;
  /** The commands, for a dry run. */
  dryRun?: DryRunLine[];
}

const DEFAULT_TIMEOUT_MS = 600_000;
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** The backups of a plan in step order, once each (an IIS backup or a file is taken once). */
export function planBackups(plan: FixPlan): { stepId: string; title: string; backup: FixBackup }[] {
  const seen = new Set<string>();
  const out: { stepId: string; title: string; backup: FixBackup }[] = [];
  for (const s of plan.steps) {
    if (!s.backup) continue;
    const key = s.backup.file ?? s.backup.kind;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ stepId: s.id, title: s.backup.what, backup: s.backup });
  }
  return out;
}

/** Every command of the plan in the order apply would run them, then the undo commands. */
export function dryRunPlan(plan: FixPlan, tools: FixToolMap, ctx: CommandContext): DryRunLine[] {
  const line = (stepId: string, phase: FixPhase, title: string, cmd: FixCommand): DryRunLine => {
    const r = resolveCommand(cmd, tools, ctx);
    return {
      stepId,
      phase,
      title,
      commandLine: r.commandLine,
      summary: r.summary,
      ...(r.script ? { script: r.script } : {}),
    };
  };
  const pre = plan.steps.filter((s) => s.kind === 'precheck');
  const main = plan.steps.filter((s) => s.kind !== 'precheck');
  return [
    ...pre.map((s) => line(s.id, 'precheck', s.title, s.command)),
    ...planBackups(plan).map((b) => line(b.stepId, 'backup', b.title, b.backup.command)),
    ...main.map((s) => line(s.id, 'apply', s.title, s.command)),
    ...[...main]
      .reverse()
      .filter((s): s is FixStep & { undo: FixCommand } => s.undo !== undefined)
      .map((s) => line(s.id, 'undo', s.title, s.undo)),
  ];
}

interface Runner {
  run(
    stepId: string,
    phase: FixPhase,
    title: string,
    cmd: FixCommand,
    step?: FixStep,
    signal?: AbortSignal,
  ): Promise<StepRecord>;
}

function makeRunner(opts: ExecuteOptions): Runner {
  const exec = opts.exec ?? new Executor(defaultToolMap());
  const tools = opts.tools ?? defaultFixTools();
  return {
    async run(stepId, phase, title, cmd, step, signal) {
      const startedAt = new Date().toISOString();
      const base = { stepId, phase, title, startedAt };
      let r: ResolvedCommand;
      try {
        r = resolveCommand(cmd, tools, opts);
      } catch (err) {
        const error = (err as Error).message;
        return {
          ...base,
          commandLine: '',
          summary: '',
          exitCode: null,
          ok: false,
          timedOut: false,
          cancelled: false,
          error,
          durationMs: 0,
          output: '',
        };
      }
      opts.onEvent?.({
        type: 'step-start',
        stepId,
        phase,
        title,
        commandLine: r.commandLine,
        summary: r.summary,
      });
      const { result, output } = await runStreaming(
        exec,
        {
          tool: { path: r.file },
          args: r.args,
          timeoutMs: step?.timeoutMs ?? opts.stepTimeoutMs ?? DEFAULT_TIMEOUT_MS,
          maxOutputBytes: MAX_OUTPUT_BYTES,
        },
        {
          signal,
          powershell: r.script !== undefined,
          onChunk: (text) => opts.onOutput?.(stepId, text),
        },
      );
      const okCodes = step?.okExitCodes ?? [0];
      const reboot =
        step?.rebootExitCode !== undefined && exec.exitIs(result.exitCode, step.rebootExitCode);
      const ok =
        result.error === null && (reboot || okCodes.some((c) => exec.exitIs(result.exitCode, c)));
      const error = result.error ?? (ok ? null : `exit code ${result.exitCode ?? '(none)'}`);
      const record: StepRecord = {
        ...base,
        commandLine: r.commandLine,
        summary: r.summary,
        exitCode: result.exitCode,
        ok,
        timedOut: result.timedOut,
        cancelled: result.cancelled,
        error,
        durationMs: result.durationMs,
        output,
        ...(reboot ? { rebootRequired: true } : {}),
      };
      opts.onEvent?.({ type: 'step-end', record });
      return record;
    },
  };
}

/**
 * Applies `plan`. Never throws for a failing command: the result says what ran, what failed and
 * what was rolled back. Throws only when the backup folder cannot be created.
 */
export async function executePlan(plan: FixPlan, opts: ExecuteOptions): Promise<ExecuteResult> {
  const result: ExecuteResult = {
    status: 'applied',
    records: [],
    applied: [],
    failedStep: null,
    rebootRequired: false,
    backupDir: opts.backupDir,
    message: null,
  };
  if (opts.dryRun) {
    const tools = opts.tools ?? defaultFixTools();
    return {
      ...result,
      status: 'dry-run',
      rebootRequired: plan.needsReboot,
      dryRun: dryRunPlan(plan, tools, opts),
    };
  }
  await mkdir(opts.backupDir, { recursive: true });
  const runner = makeRunner(opts);
  const stop = (status: ExecuteStatus, r: StepRecord): ExecuteResult => {
    result.status = r.cancelled ? 'cancelled' : status;
    result.failedStep = r.stepId;
    result.message = `${r.title}: ${r.error ?? 'failed'}${r.output ? `\n${r.output.trim()}` : ''}`;
    return result;
  };

  for (const s of plan.steps.filter((x) => x.kind === 'precheck')) {
    const r = await runner.run(s.id, 'precheck', s.title, s.command, s, opts.signal);
    result.records.push(r);
    if (!r.ok)
      return stop(r.timedOut || r.cancelled || r.exitCode === null ? 'failed' : 'refused', r);
  }
  for (const b of planBackups(plan)) {
    const r = await runner.run(
      b.stepId,
      'backup',
      b.title,
      b.backup.command,
      undefined,
      opts.signal,
    );
    result.records.push(r);
    if (!r.ok) return stop('failed', r);
  }
  result.rebootRequired = plan.needsReboot;
  for (const s of plan.steps.filter((x) => x.kind !== 'precheck')) {
    const r = await runner.run(s.id, 'apply', s.title, s.command, s, opts.signal);
    result.records.push(r);
    if (r.rebootRequired) result.rebootRequired = true;
    if (!r.ok) {
      stop('failed', r);
      return rollbackAfterFailure(plan, result, runner, opts);
    }
    if (s.kind === 'change') result.applied.push(s.id);
  }
  return result;
}

async function rollbackAfterFailure(
  plan: FixPlan,
  result: ExecuteResult,
  runner: Runner,
  opts: ExecuteOptions,
): Promise<ExecuteResult> {
  if (result.applied.length === 0 || !opts.rollback) return result;
  const info: FailureInfo = {
    stepId: result.failedStep ?? '',
    message: result.message ?? '',
    applied: [...result.applied],
  };
  const agreed = typeof opts.rollback === 'function' ? await opts.rollback(info) : true;
  if (!agreed) return result;
  // The run's own signal may be the one that was aborted: the rollback runs to its end.
  const undo = await undoSteps(plan, result.applied, runner);
  result.records.push(...undo.records);
  if (undo.ok) {
    result.status = 'rolled-back';
    result.applied = [];
  } else {
    result.applied = undo.remaining;
  }
  return result;
}

async function undoSteps(
  plan: FixPlan,
  applied: readonly string[],
  runner: Runner,
  signal?: AbortSignal,
): Promise<{ ok: boolean; records: StepRecord[]; remaining: string[] }> {
  const records: StepRecord[] = [];
  const remaining: string[] = [];
  const steps = plan.steps.filter((s) => applied.includes(s.id)).reverse();
  for (const s of steps) {
    if (!s.undo) continue;
    // Best effort: one failing undo does not stop the others; what failed stays "applied".
    const r = await runner.run(s.id, 'undo', s.title, s.undo, undefined, signal);
    records.push(r);
    if (!r.ok) remaining.unshift(s.id);
  }
  return { ok: remaining.length === 0, records, remaining };
}

export interface UndoResult {
  ok: boolean;
  records: StepRecord[];
  /** Applied steps whose undo failed (still in effect). */
  remaining: string[];
  dryRun?: DryRunLine[];
}

/** Undoes applied steps of an earlier run (later, from the history) in reverse order. */
export async function undoPlan(
  plan: FixPlan,
  applied: readonly string[],
  opts: ExecuteOptions,
): Promise<UndoResult> {
  if (opts.dryRun) {
    const tools = opts.tools ?? defaultFixTools();
    const lines = dryRunPlan(plan, tools, opts).filter(
      (l) => l.phase === 'undo' && applied.includes(l.stepId),
    );
    return { ok: true, records: [], remaining: [...applied], dryRun: lines };
  }
  return undoSteps(plan, applied, makeRunner(opts), opts.signal);
}
