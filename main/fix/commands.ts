// How a plan's commands become processes: the tool paths, references to the backup folder and the
// IIS backup name resolved to strings, scripts composed for -EncodedCommand, and the exact command
// lines a preview or dry run shows (Windows quoting). Nothing here starts a process.
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
import { defaultToolMap } from '../acquire/windows/executor';
import type { PsParam } from '../acquire/windows/powershell';
import { composeFixScript, fixScriptArgs } from './scripts';

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

/** A command as a dry run shows it. */
export interface DryRunLine {
  stepId: string;
  phase: FixPhase;
  title: string;
  commandLine: string;
  summary: string;
  script?: string;
}

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
