// One command into one bundle file, and the decision absent / error / skipped / ok that follows
// from how it ended. Stdout is streamed into the bundle, so a huge output never sits in memory.
import { promises as fsp } from 'node:fs';
import type { ArtifactStatus } from '../../../shared/model/manifest';
import type { CollectContext } from './collect-context';
import type { RunResult, RunSpec } from './executor';

export interface CommandArtifact {
  path: string;
  kind: string;
  source: string;
  spec: Omit<RunSpec, 'stdoutTo'>;
  /** The command writes the file itself (reg export, secedit): stdout is not the artifact. */
  writesFile?: boolean;
  /** Output is evidence whatever the exit code (certutil prints the HRESULT it failed with). */
  anyExitCode?: boolean;
  /** The thing the command reads does not exist on this host. */
  absent?: (r: RunResult) => boolean | Promise<boolean>;
  /** A better message for a failure than stderr (e.g. the key exists but is unreadable). */
  explain?: (r: RunResult) => Promise<string | null>;
}

/** Thrown when the run was cancelled: the whole collection stops. */
export function cancelled(ctx: CollectContext): Error {
  const reason: unknown = ctx.signal?.reason;
  return reason instanceof Error ? reason : new Error('collection cancelled');
}

export async function runToArtifact(
  ctx: CollectContext,
  order: number,
  a: CommandArtifact,
): Promise<ArtifactStatus> {
  const file = await ctx.file(a.path);
  const r = await ctx.run(a.writesFile ? a.spec : { ...a.spec, stdoutTo: file });
  if (r.cancelled) throw cancelled(ctx);
  const label = ctx.exec.label(a.spec.tool);
  const base = { path: a.path, kind: a.kind, source: a.source };
  const exit = r.exitCode === null ? {} : { exitCode: r.exitCode };
  if (r.truncated) {
    await ctx.record(order, { ...base, status: 'skipped', error: r.error ?? 'output capped' });
    return 'skipped';
  }
  if (r.exitCode === null) {
    await ctx.record(order, { ...base, status: 'error', error: ctx.failure(r, label) });
    return 'error';
  }
  if (r.exitCode !== 0 && a.absent && (await a.absent(r))) {
    await ctx.record(order, { ...base, ...exit, status: 'absent' });
    return 'absent';
  }
  const evidence = a.anyExitCode && r.stdoutBytes > 0;
  if (r.exitCode !== 0 && !evidence) {
    const why = (await a.explain?.(r)) ?? ctx.failure(r, label);
    await ctx.record(order, { ...base, ...exit, status: 'error', error: why });
    return 'error';
  }
  if (a.writesFile && !(await exists(file))) {
    const error = `${label} exited with 0 but did not write the file`;
    await ctx.record(order, { ...base, ...exit, status: 'error', error });
    return 'error';
  }
  await ctx.record(order, { ...base, ...exit, status: 'ok' });
  return 'ok';
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}
