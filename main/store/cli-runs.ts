// `ndes-doctor runs …`: the run history from the command line (list, show, diff, rejudge,
// delete), and storeDiagnosis() which `ndes-doctor diagnose` calls to keep every run.
// Exit codes: 0 done, 2 bad usage, an unknown run id, or an unusable database.
import { parseArgs } from 'node:util';
import type { Report, Snapshot } from '../../shared/model';
import { fill } from '../../shared/engine/computed/text';
import { renderText } from '../../shared/report/text';
import { toJsonReport } from '../../shared/report/json';
import { openStore } from './db';
import { StoreError } from './errors';
import { defaultDbPath } from './location';
import type { RunSource, RunStore } from './runs';
import { formatDiff, formatList, formatRunHeader } from './cli-format';

/** Usage text; names the default database of this machine. */
export function runsUsage(): string {
  return `Usage:
  ndes-doctor runs list [--host NAME] [--limit N] [--offset N] [--json] [--db PATH]
  ndes-doctor runs show ID [--verbose] [--json] [--db PATH]
  ndes-doctor runs diff A B [--json] [--db PATH]   what changed from run A to run B
  ndes-doctor runs diff ID [--json] [--db PATH]    ID against the last run of its host with no failure
  ndes-doctor runs rejudge ID [--json] [--db PATH] judge a stored run again with the current rules
  ndes-doctor runs delete ID [--db PATH]
ID is a run number from \`runs list\`, or "latest". The database defaults to ${defaultDbPath()}.
`;
}

const STRINGS = {
  unknownRun: 'no run {id} in {db}',
  badId: '"{id}" is not a run id (a number from `runs list`, or "latest")',
  noWorking: 'no earlier run of {host} without a failed check; give two ids: runs diff A B',
  rejudged: 'Stored run {id}: run {parent} judged again with ruleset {ruleset}.',
  deleted: 'Deleted run {id}.',
  unknownSub: 'unknown runs command "{sub}"',
  needIds: 'runs {sub} needs {n}',
};

/** Where output goes (process streams by default; tests pass collectors). */
export interface RunsIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

class UsageError extends Error {}
/** A well-formed request naming a run (or pair) the history does not have: exit 2, no usage. */
class NotFoundError extends Error {}

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  host: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  verbose: { type: 'boolean', short: 'v', default: false },
} as const;

interface Values {
  db?: string;
  json?: boolean;
  host?: string;
  limit?: string;
  offset?: string;
  verbose?: boolean;
}

function wholeNumber(name: string, raw: string | undefined, dflt: number): number {
  if (raw === undefined) return dflt;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number`);
  return Number(raw);
}

function resolveId(store: RunStore, raw: string): number {
  if (raw === 'latest') {
    const id = store.latestId();
    if (id === null) throw new NotFoundError(fill(STRINGS.unknownRun, { id: raw, db: store.path }));
    return id;
  }
  if (!/^\d{1,15}$/.test(raw)) throw new UsageError(fill(STRINGS.badId, { id: raw }));
  const id = Number(raw);
  if (!store.getSummary(id))
    throw new NotFoundError(fill(STRINGS.unknownRun, { id, db: store.path }));
  return id;
}

function json(io: RunsIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function list(store: RunStore, v: Values, io: RunsIo): void {
  const limit = wholeNumber('limit', v.limit, 50);
  const offset = wholeNumber('offset', v.offset, 0);
  const runs = store.listRuns({ host: v.host, limit, offset });
  const total = store.countRuns({ host: v.host });
  if (v.json) json(io, { database: store.path, total, offset, runs });
  else io.stdout.write(formatList(runs, total, offset, store.path));
}

function show(store: RunStore, id: number, v: Values, io: RunsIo): void {
  const run = store.getRun(id)!;
  if (v.json) return json(io, { run: run.summary, report: toJsonReport(run.report) });
  io.stdout.write(`${formatRunHeader(run.summary)}\n`);
  io.stdout.write(renderText(run.report, { color: Boolean(io.stdout.isTTY), verbose: v.verbose }));
}

function diff(store: RunStore, ids: number[], v: Values, io: RunsIo): void {
  let [a, b] = ids as [number, number | undefined];
  if (b === undefined) {
    const working = store.lastWorkingRun(a);
    const host = store.getSummary(a)?.host ?? '?';
    if (!working) throw new NotFoundError(fill(STRINGS.noWorking, { host }));
    [a, b] = [working.id, a];
  }
  const d = store.diffRuns(a, b)!;
  const before = store.getSummary(a)!;
  const after = store.getSummary(b)!;
  if (v.json) return json(io, { before, after, diff: d });
  io.stdout.write(formatDiff(d, before, after, Boolean(io.stdout.isTTY)));
}

function rejudge(store: RunStore, id: number, v: Values, io: RunsIo): void {
  const saved = store.rejudge(id)!;
  const d = store.diffRuns(id, saved.id)!;
  const after = store.getSummary(saved.id)!;
  if (v.json) return json(io, { id: saved.id, parent: id, run: after, diff: d });
  io.stdout.write(
    `${fill(STRINGS.rejudged, { id: saved.id, parent: id, ruleset: after.rulesetVersion })}\n\n`,
  );
  io.stdout.write(formatDiff(d, store.getSummary(id)!, after, Boolean(io.stdout.isTTY)));
}

const ARITY: Record<string, [min: number, max: number, what: string]> = {
  list: [0, 0, 'no run id'],
  show: [1, 1, 'one run id'],
  diff: [1, 2, 'one or two run ids'],
  rejudge: [1, 1, 'one run id'],
  delete: [1, 1, 'one run id'],
};

/** `ndes-doctor runs <sub> …`; `args` excludes "runs". Resolves to the exit code. */
export async function runsCommand(
  args: string[],
  io: RunsIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [sub, ...rest] = args;
  let store: RunStore | null = null;
  try {
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.stdout.write(runsUsage());
      return sub === undefined ? 2 : 0;
    }
    const arity = ARITY[sub];
    if (!arity) throw new UsageError(fill(STRINGS.unknownSub, { sub }));
    const { values, positionals } = parseArgs({
      args: rest,
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length < arity[0] || positionals.length > arity[1])
      throw new UsageError(fill(STRINGS.needIds, { sub, n: arity[2] }));
    store = openStore(values.db ?? defaultDbPath());
    if (store.notice) io.stderr.write(`ndes-doctor: ${store.notice}\n`);
    const s = store;
    const ids = positionals.map((p) => resolveId(s, p));
    const id = ids[0]!;
    if (sub === 'list') list(s, values, io);
    else if (sub === 'show') show(s, id, values, io);
    else if (sub === 'diff') diff(s, ids, values, io);
    else if (sub === 'rejudge') rejudge(s, id, values, io);
    else {
      s.deleteRun(id);
      io.stdout.write(`${fill(STRINGS.deleted, { id })}\n`);
    }
    return 0;
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    const usage = err instanceof UsageError || code.startsWith('ERR_PARSE_ARGS');
    if (
      usage ||
      err instanceof NotFoundError ||
      err instanceof StoreError ||
      code.startsWith('SQLITE_')
    ) {
      io.stderr.write(`ndes-doctor: ${(err as Error).message}\n${usage ? runsUsage() : ''}`);
      return 2;
    }
    throw err;
  } finally {
    store?.close();
  }
}

/**
 * Stores one diagnosis in the history at `dbPath` (default database when undefined). Throws
 * StoreError when the database cannot be opened; `notice` is set when a damaged database was
 * moved aside, `warning` when a requested bundle copy failed.
 */
export function storeDiagnosis(
  dbPath: string | undefined,
  diagnosis: { report: Report; snapshot: Snapshot },
  source: RunSource | Report['source'],
  durationMs: number,
  opts: { keepCopy?: boolean; label?: string } = {},
): { id: number; notice?: string; warning?: string } {
  const store = openStore(dbPath ?? defaultDbPath());
  try {
    const saved = store.saveRun({ ...diagnosis, source, durationMs, ...opts });
    return {
      id: saved.id,
      ...(store.notice ? { notice: store.notice } : {}),
      ...(saved.warning ? { warning: saved.warning } : {}),
    };
  } finally {
    store.close();
  }
}
