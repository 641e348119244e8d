// The run history: every diagnosis (live, bundle, re-judged) with its compressed snapshot and
// report, so an old run can be re-judged by newer rules and any two runs compared ("what changed
// since it last worked?"). Main process only; callers get plain objects, never SQL.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type {
  CheckStatus,
  EvidenceKey,
  Health,
  Report,
  Snapshot,
  StepId,
} from '../../shared/model';
import { compareRuns } from '../../shared/engine/compare';
import type { RunDiff } from '../../shared/engine/compare';
import { RULES } from '../../shared/rules';
import { judgeSnapshot } from '../analysis/diagnose';
import { copyBundle, removeBundleCopy } from './bundle-copy';
import { CURRENT_CODEC, decodeJson, encodeJson } from './codec';
import { StoreError } from './errors';
import { prepareStatements } from './statements';
import type { RunRow } from './statements';

export { defaultDbPath } from './location';

/** Where a run came from; `rejudge` is a stored snapshot judged again by the current rules. */
export interface RunSource {
  kind: 'live' | 'bundle' | 'demo' | 'rejudge';
  /** Bundle folder or zip (absolute), or the parent's, for a re-judged run. */
  path: string | null;
  sha256: string | null;
  /** The run a `rejudge` run was made from (null once that run is deleted). */
  parentId?: number | null;
}

/** A run as listed: everything but the snapshot and report. */
export interface RunSummary {
  id: number;
  /** When the run was stored (UTC ISO). */
  storedAt: string;
  host: string;
  dnsHostName: string | null;
  source: RunSource;
  /** The bundle's collectedAt: the time the evidence describes. */
  collectedAt: string;
  durationMs: number | null;
  engineVersion: string;
  rulesetVersion: string;
  /** Findings per status. */
  counts: Record<CheckStatus, number>;
  steps: { id: StepId; health: Health }[];
  label: string | null;
  /** Kept copy of the bundle, when the admin asked for one. */
  bundleCopy: string | null;
}

export interface StoredRun {
  summary: RunSummary;
  report: Report;
  snapshot: Snapshot;
}

export interface SaveRunInput {
  report: Report;
  snapshot: Snapshot;
  /** Defaults to the report's own source. */
  source?: RunSource | Report['source'];
  durationMs?: number | null;
  /** Copy the bundle next to the database (default: reference it by path only). */
  keepCopy?: boolean;
  label?: string | null;
}

export interface SavedRun {
  id: number;
  bundleCopy: string | null;
  /** Set when the run was saved but the bundle copy could not be made. */
  warning?: string;
}

export interface ListOptions {
  /** Computer name, case-insensitive. */
  host?: string;
  /** Default 50. */
  limit?: number;
  offset?: number;
}

export interface RunStore {
  /** Absolute path of the database file. */
  readonly path: string;
  /** Set when a damaged database was moved aside on open; show it to the admin. */
  readonly notice: string | null;
  saveRun(input: SaveRunInput): SavedRun;
  /** Newest first. */
  listRuns(opts?: ListOptions): RunSummary[];
  countRuns(opts?: Pick<ListOptions, 'host'>): number;
  listHosts(): { host: string; runs: number; lastId: number }[];
  getSummary(id: number): RunSummary | null;
  getRun(id: number): StoredRun | null;
  /** Id of the newest run, or null when the history is empty. */
  latestId(): number | null;
  /** The newest earlier run of the same host where no check failed. */
  lastWorkingRun(id: number): RunSummary | null;
  /** Compares run `a` (before) with run `b` (after); null when either id is unknown. */
  diffRuns(a: number, b: number): RunDiff | null;
  /** Judges run `id`'s snapshot with the current rules and stores the result as a new run. */
  rejudge(id: number): SavedRun | null;
  setLabel(id: number, label: string | null): boolean;
  deleteRun(id: number): boolean;
  /** Compressed bytes of all snapshots and reports. */
  storedBytes(): number;
  close(): void;
}

const STATUS_COLUMNS = [
  ['fail', 'n_fail'],
  ['warn', 'n_warn'],
  ['error', 'n_error'],
  ['unknown', 'n_unknown'],
  ['info', 'n_info'],
  ['pass', 'n_pass'],
  ['not-applicable', 'n_na'],
] as const satisfies readonly (readonly [CheckStatus, keyof RunRow])[];

const READS = new Map<string, readonly EvidenceKey[]>(
  RULES.map((r) => [r.meta.id, [...r.meta.requiredEvidence, ...(r.meta.optionalEvidence ?? [])]]),
);

/** Evidence each current rule reads, for linking evidence differences to checks. */
export function readsOf(checkId: string): readonly EvidenceKey[] | undefined {
  return READS.get(checkId);
}

function toSummary(r: RunRow): RunSummary {
  const counts = {} as Record<CheckStatus, number>;
  for (const [status, col] of STATUS_COLUMNS) counts[status] = r[col];
  const steps = (JSON.parse(r.steps) as [StepId, Health][]).map(([id, health]) => ({ id, health }));
  return {
    id: r.id,
    storedAt: r.stored_at,
    host: r.host,
    dnsHostName: r.dns_host_name,
    source: {
      kind: r.source_kind as RunSource['kind'],
      path: r.source_path,
      sha256: r.source_sha256,
      parentId: r.parent_id,
    },
    collectedAt: r.collected_at,
    durationMs: r.duration_ms,
    engineVersion: r.engine_version,
    rulesetVersion: r.ruleset_version,
    counts,
    steps,
    label: r.label,
    bundleCopy: r.bundle_copy,
  };
}

function runRow(input: SaveRunInput, source: RunSource) {
  const { report } = input;
  const row = {
    stored_at: new Date().toISOString(),
    host: report.host.computerName,
    dns_host_name: report.host.dnsHostName,
    source_kind: source.kind,
    source_path:
      source.path === null || source.kind === 'rejudge' ? source.path : path.resolve(source.path),
    source_sha256: source.sha256,
    parent_id: source.parentId ?? null,
    collected_at: report.collectedAt,
    duration_ms: input.durationMs == null ? null : Math.round(input.durationMs),
    engine_version: report.engine.version,
    ruleset_version: report.engine.ruleset,
    steps: JSON.stringify(report.steps.map((s) => [s.id, s.health])),
    n_fail: 0,
    n_warn: 0,
    n_error: 0,
    n_unknown: 0,
    n_info: 0,
    n_pass: 0,
    n_na: 0,
  };
  const col = new Map<CheckStatus, keyof typeof row>(STATUS_COLUMNS);
  for (const f of report.findings) {
    const c = col.get(f.status);
    if (c) (row[c] as number)++;
  }
  return row;
}

/** Wraps an open, migrated connection. */
export function createRunStore(
  db: Database,
  meta: { file: string; notice: string | null },
): RunStore {
  const st = prepareStatements(db);

  type Encoded = { snap: ReturnType<typeof encodeJson>; rep: ReturnType<typeof encodeJson> };
  const insert = db.transaction(
    (input: SaveRunInput, source: RunSource, { snap, rep }: Encoded) => {
      const id = Number(st.insertRun.run(runRow(input, source)).lastInsertRowid);
      st.insertData.run({
        run_id: id,
        codec: CURRENT_CODEC,
        snapshot: snap.bytes,
        report: rep.bytes,
        raw_bytes: snap.rawBytes + rep.rawBytes,
      });
      if (input.label) st.setLabel.run({ id, label: input.label });
      return id;
    },
  );

  const getSummary = (id: number): RunSummary | null => {
    const row = st.getRun.get({ id });
    return row ? toSummary(row) : null;
  };

  const getRun = (id: number): StoredRun | null => {
    const row = st.getRun.get({ id });
    const data = row ? st.getData.get({ id }) : undefined;
    if (!row || !data) return null;
    return {
      summary: toSummary(row),
      report: decodeJson<Report>(data.codec, data.report),
      snapshot: decodeJson<Snapshot>(data.codec, data.snapshot),
    };
  };

  const saveRun = (input: SaveRunInput): SavedRun => {
    const source: RunSource = { parentId: null, ...(input.source ?? input.report.source) };
    // Compress outside the transaction: the write lock is held for the inserts only.
    const encoded = { snap: encodeJson(input.snapshot), rep: encodeJson(input.report) };
    // IMMEDIATE: take the write lock up front, so concurrent writers queue on busy_timeout
    // instead of failing to upgrade a read lock.
    const id = insert.immediate(input, source, encoded);
    if (!input.keepCopy || source.path === null) return { id, bundleCopy: null };
    try {
      const copy = copyBundle(source.path, meta.file, id);
      st.setBundleCopy.run({ id, path: copy });
      return { id, bundleCopy: copy };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return {
        id,
        bundleCopy: null,
        warning: `run ${id} was saved, but the bundle copy failed: ${reason}`,
      };
    }
  };

  return {
    path: meta.file,
    notice: meta.notice,
    saveRun,
    listRuns: ({ host, limit = 50, offset = 0 } = {}) => {
      if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0)
        throw new StoreError('limit and offset must be whole numbers ≥ 0');
      const rows =
        host === undefined
          ? st.listRuns.all({ limit, offset })
          : st.listRunsOfHost.all({ host, limit, offset });
      return rows.map(toSummary);
    },
    countRuns: ({ host } = {}) =>
      host === undefined ? st.countRuns.get()! : st.countRunsOfHost.get({ host })!,
    listHosts: () =>
      st.listHosts.all().map((h) => ({ host: h.host, runs: h.runs, lastId: h.last_id })),
    getSummary,
    getRun,
    latestId: () => st.latestId.get() ?? null,
    lastWorkingRun: (id) => {
      const run = st.getRun.get({ id });
      const row = run ? st.lastWorking.get({ host: run.host, before: id }) : undefined;
      return row ? toSummary(row) : null;
    },
    diffRuns: (a, b) => {
      const before = getRun(a);
      const after = before ? getRun(b) : null;
      return before && after ? compareRuns(before, after, { readsOf }) : null;
    },
    rejudge: (id) => {
      const run = getRun(id);
      if (!run) return null;
      const parent = run.summary.source;
      const t0 = performance.now();
      const report = judgeSnapshot(run.snapshot, run.report.source);
      return saveRun({
        report,
        snapshot: run.snapshot,
        source: { kind: 'rejudge', path: parent.path, sha256: parent.sha256, parentId: id },
        durationMs: performance.now() - t0,
      });
    },
    setLabel: (id, label) => st.setLabel.run({ id, label }).changes > 0,
    deleteRun: (id) => {
      const row = st.getRun.get({ id });
      if (!row) return false;
      st.deleteRun.run({ id });
      if (row.bundle_copy) removeBundleCopy(row.bundle_copy, meta.file);
      return true;
    },
    storedBytes: () => st.storedBytes.get() ?? 0,
    close: () => {
      if (db.open) db.close();
    },
  };
}
