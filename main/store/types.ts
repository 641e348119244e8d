// Public types of the run history: what a stored run is, how one is saved and listed, and the
// store's API as the CLI, the IPC handlers and the bench use it.
import type { CheckStatus, Health, Report, Snapshot, StepId } from '../../shared/model';
import type { RunDiff } from '../../shared/engine/compare';

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
