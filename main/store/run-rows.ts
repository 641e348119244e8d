// Mapping between a report and its `runs` row: the summary columns (host, source, versions,
// counts per status, step health) that let the history be listed without decompressing anything.
import path from 'node:path';
import type { CheckStatus, Health, StepId } from '../../shared/model';
import type { RunRow } from './statements';
import type { RunSource, RunSummary, SaveRunInput } from './types';

export const STATUS_COLUMNS = [
  ['fail', 'n_fail'],
  ['warn', 'n_warn'],
  ['error', 'n_error'],
  ['unknown', 'n_unknown'],
  ['info', 'n_info'],
  ['pass', 'n_pass'],
  ['not-applicable', 'n_na'],
] as const satisfies readonly (readonly [CheckStatus, keyof RunRow])[];

export function toSummary(r: RunRow): RunSummary {
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

/** The `runs` row of a report (summary columns only); exported for the bench's bulk fill. */
export function runRow(input: Pick<SaveRunInput, 'report' | 'durationMs'>, source: RunSource) {
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
