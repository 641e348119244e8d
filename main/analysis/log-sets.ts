// The IIS and HTTPERR log sets of a bundle: which files to stream (from the manifest statuses),
// streaming them line by line through the accumulators, and the evidence the rules get.
import type { Ev } from '../../shared/model';
import { IisLogAccumulator, HttpErrAccumulator } from '../../shared/parse/iis-log-summary';
import type { HttpErrSummary, IisLogSummary } from '../../shared/parse/iis-log-summary';
import type { BundleSource } from '../acquire/bundle/reader';
import { forEachLine } from './line-stream';
import type { ArtifactReader } from './build-snapshot';
import { describe } from './describe-error';

export type LogSet<T> = Ev<
  T & { unavailable: { path: string; state: string; error: string | null }[] }
>;

/** The two log sets of a bundle. */
export const LOG_SETS = [
  { key: 'iis', prefix: 'iis/logs/' },
  { key: 'httpErr', prefix: 'iis/httperr/' },
] as const;
export type LogSetKey = (typeof LOG_SETS)[number]['key'];

type Unavailable = { path: string; state: string; error: string | null };

/** What to read of a log set, or its final state when there is nothing to read. */
export interface LogPlan {
  prefix: string;
  files: string[];
  unavailable: Unavailable[];
  done: Ev<never> | null;
}

/** Which files of a log set to stream, from the manifest statuses (no I/O). */
export function planLogSet(r: ArtifactReader, prefix: string): LogPlan {
  const listed = r.artifactsUnder(prefix);
  const files = new Set<string>(listed.filter((a) => a.status === 'ok').map((a) => a.path));
  for (const e of r.bundle.entries) if (e.path.toLowerCase().startsWith(prefix)) files.add(e.path);
  const unavailable: Unavailable[] = listed
    .filter((a) => a.status === 'error' || a.status === 'skipped')
    .map((a) => ({ path: a.path, state: a.status, error: a.error ?? null }));
  const absent = listed.filter((a) => a.status === 'absent');
  let done: Ev<never> | null = null;
  if (files.size === 0) {
    if (absent.length > 0 && unavailable.length === 0) done = { state: 'absent', path: prefix };
    else if (unavailable.length > 0) {
      done = {
        state: unavailable[0]!.state as 'error',
        path: prefix,
        error: unavailable.map((u) => `${u.path}: ${u.error ?? u.state}`).join('; '),
      };
    } else done = { state: 'missing', path: prefix, error: 'no log files collected' };
  }
  const readable: string[] = [];
  for (const path of [...files].sort()) {
    const pre = r.precheck(path);
    if (pre) unavailable.push({ path, state: pre.state, error: pre.error ?? null });
    else readable.push(path);
  }
  return { prefix, files: readable, unavailable, done };
}

/** A fresh accumulator for a log set. */
export function accumulatorFor(key: LogSetKey, collectedAt: string): Accumulator<unknown> {
  return key === 'iis'
    ? new IisLogAccumulator({ collectedAt })
    : new HttpErrAccumulator({ collectedAt });
}

/** The result of streaming one log set (serializable: it crosses from the log worker). */
export interface FedLogSet {
  result: unknown;
  unavailable: Unavailable[];
  warnings: string[];
}

/** Streams the planned files of a set through its accumulator, line by line. */
export async function feedLogSet(
  bundle: BundleSource,
  files: readonly string[],
  acc: Accumulator<unknown>,
  onProgress: (file: string, bytes?: number) => void,
  signal?: AbortSignal,
): Promise<FedLogSet> {
  const unavailable: Unavailable[] = [];
  const warnings: string[] = [];
  for (const path of files) {
    signal?.throwIfAborted();
    onProgress(path);
    acc.startFile(path);
    try {
      await forEachLine(
        await bundle.stream(path),
        (t, n) => acc.line(t, n),
        (bytes) => onProgress(path, bytes),
      );
    } catch (err) {
      unavailable.push({ path, state: 'unparseable', error: describe(path, err) });
      warnings.push(describe(path, err));
    }
    acc.endFile();
  }
  return { result: acc.result(), unavailable, warnings };
}

/** The evidence of a log set from its plan and what streaming it gave. */
export function logSetEvidence<T>(plan: LogPlan, fed: FedLogSet): LogSet<T> {
  const result = fed.result as T & { files?: { path: string; garbageLines?: number }[] };
  const unavailable = [...plan.unavailable, ...fed.unavailable];
  for (const f of result.files ?? []) {
    if (f.garbageLines && f.garbageLines > 0) {
      unavailable.push({
        path: f.path,
        state: 'unparseable',
        error: `${f.path}: ${f.garbageLines} line(s) are not log records (binary garbage?)`,
      });
    }
  }
  return {
    state: 'ok',
    path: plan.prefix,
    value: { ...result, unavailable },
    warnings: fed.warnings.length ? fed.warnings : undefined,
  };
}

/** Streams every IIS and HTTPERR log through the accumulators, in this thread. */
export async function streamLogs(
  r: ArtifactReader,
  signal?: AbortSignal,
): Promise<{ iis: LogSet<IisLogSummary>; httpErr: LogSet<HttpErrSummary> }> {
  const out: Record<string, LogSet<unknown>> = {};
  for (const set of LOG_SETS) {
    const plan = planLogSet(r, set.prefix);
    if (plan.done) {
      out[set.key] = plan.done;
      continue;
    }
    const fed = await feedLogSet(
      r.bundle,
      plan.files,
      accumulatorFor(set.key, r.manifest.collectedAt),
      (file, bytes) => r.progress({ phase: 'logs', file, bytes }),
      signal,
    );
    out[set.key] = logSetEvidence(plan, fed);
  }
  return { iis: out.iis as LogSet<IisLogSummary>, httpErr: out.httpErr as LogSet<HttpErrSummary> };
}

export interface Accumulator<T> {
  startFile(path: string): void;
  line(text: string, lineNo: number): void;
  endFile(): void;
  result(): T;
}
