// The fix wizard's channels: the plan of a finding (pure), apply or dry-run through the same code
// as `ndes-doctor fix`, undo, and the recorded fixes.
import { planFix, wizardFor } from '../../shared/fixes';
import { isRefusal } from '../../shared/model/fix-plan';
import { dryRunPlan } from '../fix/commands';
import { defaultFixTools } from '../fix/executor';
import { fixCommand } from '../fix/cli-fix';
import type { ApplyOutcome } from '../fix/cli-fix-common';
import { verificationDiff } from '../fix/verify';
import type { FixOutcomeView } from '../../shared/ipc/channels';
import { openFixRecords } from '../fix/records';
import { defaultDbPath } from '../store';
import type { Handlers, SessionContext } from './session';

type FixChannels = 'fix:plan' | 'fix:apply' | 'fix:cancel' | 'fix:undo' | 'fix:history' | 'fix:log';

/** The wizard's view of an applied fix, with the before/after of its verification. */
export function outcomeView(o: ApplyOutcome): FixOutcomeView {
  const v = o.verification;
  const compared = v ? verificationDiff(o.before, v) : null;
  return {
    fixId: o.fixId,
    status: o.status,
    applied: o.applied,
    failedStep: o.failedStep,
    message: o.message,
    rebootRequired: o.rebootRequired,
    backupDir: o.backupDir,
    verification: v
      ? {
          collectedAt: v.collectedAt,
          artifacts: v.artifacts,
          checks: v.checks,
          fixed: v.fixed,
          rebootPending: v.rebootPending,
        }
      : null,
    diff: compared?.diff ?? null,
    afterSteps: compared?.after.steps ?? null,
  };
}

export function fixHandlers(ctx: SessionContext): Pick<Handlers, FixChannels> {
  /** Runs the fix command with its output streamed to the terminal pane, line by line. */
  /** The fix being applied (one at a time), to cancel it. */
  let running: AbortController | null = null;

  async function runFixCli(
    args: string[],
    onOutcome?: (o: ApplyOutcome) => void,
    signal?: AbortSignal,
  ): Promise<{ exitCode: number; output: string }> {
    let output = '';
    let pending = '';
    const write = (level: 'info' | 'error') => (chunk: string) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const l of lines) ctx.log(l, level);
      return true;
    };
    const exitCode = await fixCommand(args, {
      ...ctx.host.fixIo,
      stdout: { write: write('info') },
      stderr: { write: write('error') },
      confirm: async () => true,
      ...(onOutcome ? { onOutcome } : {}),
      ...(signal ? { signal } : {}),
    });
    if (pending) ctx.log(pending);
    return { exitCode, output };
  }

  const dbArgs = (): string[] => (ctx.host.dbPath ? ['--db', ctx.host.dbPath] : []);

  return {
    'fix:plan': async ({ runId, checkId, params }) => {
      const r = ctx.runs.get(runId);
      const finding = r?.view.report.findings.find((f) => f.checkId === checkId);
      if (!r || !finding) throw new Error(`No finding ${checkId} in this run.`);
      const result = planFix(r.snapshot, finding, params);
      const commands = isRefusal(result)
        ? []
        : dryRunPlan(result, defaultFixTools(), {
            backupDir: '<backup folder>',
            iisBackupName: 'ndes-doctor-fix-<id>',
          }).map(({ stepId, phase, title, commandLine, summary }) => ({
            stepId,
            phase,
            title,
            commandLine,
            summary,
          }));
      const w = wizardFor(finding);
      const wizard = 'refused' in w ? null : w;
      const choices =
        wizard && 'choices' in wizard && typeof wizard.choices === 'function'
          ? (wizard.choices(r.snapshot) as Record<string, string[]>)
          : {};
      return {
        result,
        commands,
        params: [...(wizard?.meta.params ?? [])],
        choices,
        canApply: (ctx.host.fixIo?.platform ?? process.platform) === 'win32' && !r.view.isDemo,
      };
    },
    'fix:apply': async ({ runId, checkId, params, dryRun, confirmed }) => {
      const r = ctx.runs.get(runId);
      if (!r?.location) throw new Error('This run has no bundle to plan from.');
      if (confirmed !== true) throw new Error('A fix runs only after explicit confirmation.');
      // Confirmed in the wizard; a failure keeps what was applied and the wizard offers the rollback.
      const args = ['apply', '--check', checkId, '--bundle', r.location, '--yes'];
      args.push('--keep-on-failure');
      // The run the wizard planned from is already in the history: the fix is recorded against it.
      if (r.view.storedId !== null) args.push('--run', String(r.view.storedId));
      for (const [k, v] of Object.entries(params)) if (v) args.push('--param', `${k}=${v}`);
      if (dryRun) args.push('--dry-run');
      args.push(...dbArgs());
      if (running) throw new Error('A fix is already running.');
      const controller = new AbortController();
      running = controller;
      let fix: FixOutcomeView | null = null;
      try {
        const out = await runFixCli(
          args,
          (o) => {
            fix = outcomeView(o);
          },
          controller.signal,
        );
        return { ...out, fix };
      } finally {
        running = null;
      }
    },
    'fix:cancel': async () => {
      if (!running || running.signal.aborted) return { cancelled: false };
      ctx.log('Cancelling the fix: the running command is ended, nothing after it runs.', 'warn');
      running.abort(new Error('cancelled by the admin'));
      return { cancelled: true };
    },
    'fix:undo': async ({ fixId, confirmed }) => {
      if (confirmed !== true) throw new Error('An undo runs only after explicit confirmation.');
      const args = ['undo', String(fixId), '--yes'];
      args.push(...dbArgs());
      return runFixCli(args);
    },
    'fix:log': async ({ fixId }) => {
      const code = await runFixCli(['show', String(fixId), ...dbArgs()]);
      if (code.exitCode !== 0) throw new Error(code.output.trim() || `No fix ${fixId}.`);
      return null;
    },
    'fix:history': async () => {
      const records = openFixRecords(ctx.host.dbPath ?? defaultDbPath());
      try {
        return records.listFixes({ limit: 200 }).map((f) => ({
          id: f.id,
          runId: f.runId,
          checkId: f.checkId,
          wizard: f.wizard,
          host: f.host,
          startedAt: f.startedAt,
          finishedAt: f.finishedAt,
          dryRun: f.dryRun,
          status: f.status,
          backupPath: f.backupPath,
          verified: f.verification ? f.verification.fixed : null,
        }));
      } finally {
        records.close();
      }
    },
  };
}
