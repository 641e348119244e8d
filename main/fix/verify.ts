// Wizard step 6: collect again only the artifacts the re-run checks declare (required/optional
// evidence → bundle paths), judge them on the earlier snapshot with that evidence replaced, and report
// before/after. Log-based checks keep their 14-day window, so wizards verify configuration checks.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  AnyRule,
  CheckStatus,
  Ev,
  EvidenceKey,
  Finding,
  Report,
  Snapshot,
} from '../../shared/model';
import type { FixVerification } from '../../shared/model/fix-plan';
import { contextFor, runRule } from '../../shared/engine/run-rules';
import { compareRuns } from '../../shared/engine/compare';
import type { ComparedRun, RunDiff } from '../../shared/engine/compare';
import { stepHealth } from '../../shared/engine/step-health';
import { readsOf } from '../store/runs';
import { RULES } from '../../shared/rules';
import { bundlePathsOf, evidenceOf } from '../../shared/fixes/evidence-paths';
import { openBundle } from '../acquire/bundle/reader';
import { buildSnapshot } from '../analysis/build-snapshot';
import { collectLive } from '../acquire/windows/cli-collect';

/**
 * Collects the given bundle paths (folders end in `/`) of this host into a bundle and returns its
 * location. It may collect more; only the evidence behind these paths is used.
 */
export type CollectFn = (paths: readonly string[], signal?: AbortSignal) => Promise<string>;

export interface VerifyOptions {
  /** The snapshot the plan was made from. */
  before: Snapshot;
  /** Its report (before-statuses); judged again from `before` when absent. */
  beforeReport?: Report;
  /** Checks to re-run (the plan's verifyChecks). */
  checks: readonly string[];
  collect: CollectFn;
  rules?: readonly AnyRule[];
  /** A reboot is still pending for the fix to take effect. */
  rebootPending?: boolean;
  signal?: AbortSignal;
}

export interface VerifyResult extends FixVerification {
  /** The re-run findings, for the before/after diagram. */
  findings: Finding[];
  /** The snapshot they were judged from: the earlier one with the fresh evidence. */
  snapshot: Snapshot;
}

const SETTLED: readonly CheckStatus[] = ['pass', 'not-applicable', 'info'];

export async function verifyFix(opts: VerifyOptions): Promise<VerifyResult> {
  const rules = (opts.rules ?? RULES).filter((r) => opts.checks.includes(r.meta.id));
  const keys = evidenceOf(rules);
  const artifacts = bundlePathsOf(keys);
  const location = await opts.collect(artifacts, opts.signal);
  const bundle = await openBundle(location);
  let fresh: Snapshot;
  try {
    fresh = await buildSnapshot(bundle, { signal: opts.signal });
  } finally {
    await bundle.close();
  }
  const after = mergeEvidence(opts.before, fresh, keys);
  const ctx = contextFor(after);
  const findings = rules.map((r) => runRule(r, after, ctx));
  const beforeCtx = contextFor(opts.before);
  const beforeStatus = (rule: AnyRule): CheckStatus =>
    opts.beforeReport?.findings.find((f) => f.checkId === rule.meta.id)?.status ??
    runRule(rule, opts.before, beforeCtx).status;
  const checks = rules.map((r, i) => {
    const f = findings[i]!;
    return { checkId: r.meta.id, before: beforeStatus(r), after: f.status, summary: f.summary };
  });
  return {
    collectedAt: fresh.manifest.collectedAt,
    artifacts,
    checks,
    fixed: checks.length > 0 && checks.every((c) => SETTLED.includes(c.after)),
    rebootPending: opts.rebootPending ?? false,
    findings,
    snapshot: after,
  };
}

/**
 * Before/after of a verified fix as a run comparison (the diagram's step markers, the checks that
 * changed, the evidence that changed): the earlier report with the re-run findings put in.
 */
export function verificationDiff(
  before: ComparedRun,
  v: VerifyResult,
): { diff: RunDiff; after: Report } {
  const fresh = new Map(v.findings.map((f) => [f.checkId, f]));
  const findings = before.report.findings.map((f) => fresh.get(f.checkId) ?? f);
  const after = {
    ...before.report,
    collectedAt: v.collectedAt,
    findings,
    steps: stepHealth(findings),
  };
  return { diff: compareRuns(before, { report: after, snapshot: v.snapshot }, { readsOf }), after };
}

/** `before` with the evidence behind `keys` taken from `fresh`, and fresh's clock. */
export function mergeEvidence(
  before: Snapshot,
  fresh: Snapshot,
  keys: readonly EvidenceKey[],
): Snapshot {
  const merged: Snapshot = {
    ...before,
    manifest: { ...before.manifest, collectedAt: fresh.manifest.collectedAt },
  };
  const target = merged as unknown as Record<EvidenceKey, Ev<unknown>>;
  for (const k of keys) target[k] = fresh[k] as Ev<unknown>;
  return merged;
}

/**
 * The live collector as a CollectFn (Windows): collects only the artifacts behind the paths (and
 * the ones they need) into a temporary folder; everything else is recorded as skipped. `cleanup`
 * removes the folders it made.
 */
export function liveCollect(): { collect: CollectFn; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    collect: async (paths, signal) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ndes-doctor-verify-'));
      made.push(dir);
      const r = await collectLive({ out: path.join(dir, 'bundle'), signal, only: paths });
      return r.bundlePath;
    },
    cleanup: async () => {
      await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
