// Applies a fix plan (STYLE principle 7): prechecks, every backup, then the steps in order with
// streamed output; stops at the first failure and, if the caller agrees, undoes the applied steps
// in reverse. Processes start only through the live collector's Executor, with argument arrays.
import { mkdir } from 'node:fs/promises';
import type { FixCommand, FixPlan, FixStep } from '../../shared/model/fix-plan';
import { Executor, defaultToolMap } from '../acquire/windows/executor';
import { defaultFixTools, dryRunPlan, planBackups, resolveCommand } from './commands';
import type { CommandContext, DryRunLine, FixPhase, FixToolMap, ResolvedCommand } from './commands';
import { runStreaming } from './stream-run';

export { defaultFixTools, dryRunPlan, planBackups, resolveCommand } from './commands';
export type { CommandContext, DryRunLine, FixPhase, FixToolMap, ResolvedCommand } from './commands';

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
/** Exit code of a precheck that says no (fix-common.ps1); any other failure is an error. */
export const PRECHECK_REFUSED = 5;
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

interface Runner {
  run(
    stepId: string,
    phase: FixPhase,
    title: string,
    cmd: FixCommand,
    step?: FixStep,
    signal?: AbortSignal,
  ): Promise<StepRecord>;
  /** Whether an exit code is this Windows code (the Executor's platform rules). */
  exitIs(code: number | null, win32: number): boolean;
}

function makeRunner(opts: ExecuteOptions): Runner {
  const exec = opts.exec ?? new Executor(defaultToolMap());
  const tools = opts.tools ?? defaultFixTools();
  return {
    exitIs: (code, win32) => exec.exitIs(code, win32),
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
    if (!r.ok) return stop(runner.exitIs(r.exitCode, PRECHECK_REFUSED) ? 'refused' : 'failed', r);
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
