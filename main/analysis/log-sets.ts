// The IIS and HTTPERR log sets of a bundle: which files to stream (from the manifest statuses),
// streaming them line by line through the accumulators, and the evidence the rules get.
import { resolve } from 'node:path';
import type { Ev } from '../../shared/model';
import { IisLogAccumulator, HttpErrAccumulator } from '../../shared/parse/iis-log-summary';
import type { HttpErrSummary, IisLogSummary } from '../../shared/parse/iis-log-summary';
import type { BundleSource } from '../acquire/bundle/reader';
import { forEachLineBytes, readFileChunks } from './line-stream';
import type { LineSink } from './line-stream';
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

/** Opens a log file, named by its path in the bundle, as a stream of chunks. */
export type LogOpener = (file: string) => Promise<AsyncIterable<Buffer>>;

/** Folder bundles opened from disk, whose files may be read directly by path. */
const onDisk = new WeakSet<BundleSource>();

/**
 * Marks a bundle just opened by `openBundle`: if it is a folder, its log files are read directly
 * into reused buffers. Other sources (an export's view of its output says `folder` too) are read
 * through `stream`.
 */
export function readsFromDisk(bundle: BundleSource): void {
  if (bundle.kind === 'folder') onDisk.add(bundle);
}

/** Log files of an open bundle: read directly when it is a folder on disk, else streamed. */
export function bundleOpener(bundle: BundleSource): LogOpener {
  return async (file) => {
    const abs = folderFilePath(bundle, file);
    return abs === null ? bundle.stream(file) : readFileChunks(abs);
  };
}

/** Absolute path of a file of a folder bundle on disk; null for other sources or other files. */
export function folderFilePath(bundle: BundleSource, file: string): string | null {
  const entry = onDisk.has(bundle) ? bundle.entry(file) : undefined;
  return entry === undefined ? null : resolve(bundle.location, ...entry.path.split('/'));
}

/** Streams the planned files of a set through its accumulator, line by line. */
export async function feedLogSet(
  open: LogOpener,
  files: readonly string[],
  acc: Accumulator<unknown>,
  onProgress: (file: string, bytes?: number) => void,
  signal?: AbortSignal,
): Promise<FedLogSet> {
  const unavailable: Unavailable[] = [];
  const warnings: string[] = [];
  const sink = sinkFor(acc);
  for (const file of files) {
    signal?.throwIfAborted();
    onProgress(file);
    acc.startFile(file);
    try {
      await forEachLineBytes(await open(file), sink, (bytes) => onProgress(file, bytes));
    } catch (err) {
      unavailable.push({ path: file, state: 'unparseable', error: describe(file, err) });
      warnings.push(describe(file, err));
    }
    acc.endFile();
  }
  return { result: acc.result(), unavailable, warnings };
}

/** Lines as bytes to an accumulator that reads them, decoded to text otherwise. */
function sinkFor(acc: Accumulator<unknown>): LineSink {
  if (acc.lineBytes && acc.endChunk) {
    const lineBytes = acc.lineBytes.bind(acc);
    const endChunk = acc.endChunk.bind(acc);
    return { line: lineBytes, chunkEnd: endChunk };
  }
  return { line: (buf, start, end, lineNo) => acc.line(buf.toString('utf8', start, end), lineNo) };
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
      bundleOpener(r.bundle),
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
  /** Optional: the line as UTF-8 bytes, valid until `endChunk`. */
  lineBytes?(buf: Uint8Array, start: number, end: number, lineNo: number): void;
  endChunk?(): void;
  endFile(): void;
  result(): T;
}
