// The run history: every diagnosis (live, bundle, re-judged) with its compressed snapshot and
// report, so an old run can be re-judged by newer rules and any two runs compared ("what changed
// since it last worked?"). Main process only; callers get plain objects, never SQL.
import type { Database } from 'better-sqlite3';
import type { EvidenceKey, Report, Snapshot } from '../../shared/model';
import { compareRuns } from '../../shared/engine/compare';
import { RULES } from '../../shared/rules';
import { judgeSnapshot } from '../analysis/judge';
import { copyBundle, removeBundleCopy } from './bundle-copy';
import { CURRENT_CODEC, decodeJson, encodeJson } from './codec';
import { StoreError } from './errors';
import { runRow, toSummary } from './run-rows';
import { prepareStatements } from './statements';
import type { RunSource, RunStore, RunSummary, SaveRunInput, SavedRun, StoredRun } from './types';

export { defaultDbPath } from './location';
export { runRow } from './run-rows';
export type * from './types';

const READS = new Map<string, readonly EvidenceKey[]>(
  RULES.map((r) => [r.meta.id, [...r.meta.requiredEvidence, ...(r.meta.optionalEvidence ?? [])]]),
);

/** Evidence each current rule reads, for linking evidence differences to checks. */
export function readsOf(checkId: string): readonly EvidenceKey[] | undefined {
  return READS.get(checkId);
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
