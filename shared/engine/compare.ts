// Compares two diagnosis runs (same host over time, or a working and a broken server): which
// checks became new failures or were fixed, how each flow step moved, and the evidence
// differences that explain it, so an admin can answer "what changed since it last worked?".
import { STEP_IDS } from '../model';
import type { CheckStatus, EvidenceKey, Health, Report, Snapshot, StepId } from '../model';
import { diffEvidence } from './compare-evidence';
import type { EvidenceDiff } from './compare-evidence';

export type { EvidenceArea } from './compare-facts';
export type { EvidenceDiff } from './compare-evidence';

/** A stored run as compared: its report and the snapshot it was judged from. */
export interface ComparedRun {
  report: Report;
  snapshot: Snapshot;
}

/**
 * How a check moved: `new` a problem that was not there (pass/na/info/absent → fail/warn),
 * `fixed` a problem gone (fail/warn/error → pass/na/info), `changed` any other status change,
 * `removed` a check the newer ruleset no longer has.
 */
export type CheckChange = 'new' | 'fixed' | 'changed' | 'unchanged' | 'removed';

export interface CheckDiff {
  checkId: string;
  step: StepId;
  title: string;
  before: CheckStatus | null;
  after: CheckStatus | null;
  change: CheckChange;
  /** Summary sentence of each side (null when the check is absent on that side). */
  summaryBefore: string | null;
  summaryAfter: string | null;
}

/** `better` / `worse` on the ok < warn < fail scale; `changed` involves `unknown`. */
export type StepChange = 'better' | 'worse' | 'changed' | 'unchanged';

export interface StepDiff {
  id: StepId;
  before: Health | null;
  after: Health | null;
  change: StepChange;
  /** Number of checks of the step per kind of change. */
  checks: Record<Exclude<CheckChange, 'unchanged'>, number>;
}

export interface RunSide {
  host: string;
  collectedAt: string;
  engine: string;
  ruleset: string;
}

export interface RunDiff {
  before: RunSide;
  after: RunSide;
  /** Different computer names: a comparison across hosts. */
  crossHost: boolean;
  /** Different rulesets: some status changes may come from the rules, not the host. */
  rulesetChanged: boolean;
  counts: Record<CheckChange, number>;
  checks: CheckDiff[];
  steps: StepDiff[];
  evidence: EvidenceDiff[];
}

export interface CompareOptions {
  /** Evidence each check reads (rule meta required + optional), to link evidence rows to checks. */
  readsOf?: (checkId: string) => readonly EvidenceKey[] | undefined;
}

const PROBLEM: ReadonlySet<CheckStatus | null> = new Set(['fail', 'warn']);
const FIXABLE: ReadonlySet<CheckStatus | null> = new Set(['fail', 'warn', 'error']);
const GOOD: ReadonlySet<CheckStatus | null> = new Set(['pass', 'not-applicable', 'info']);
const HEALTH_RANK: Partial<Record<Health, number>> = { ok: 0, warn: 1, fail: 2 };

/** The change of one check from `before` to `after` (null = absent on that side). */
export function classifyChange(before: CheckStatus | null, after: CheckStatus | null): CheckChange {
  if (before === after) return 'unchanged';
  if (after === null) return 'removed';
  if (PROBLEM.has(after) && (before === null || GOOD.has(before))) return 'new';
  if (FIXABLE.has(before) && GOOD.has(after)) return 'fixed';
  return 'changed';
}

function stepChange(before: Health | null, after: Health | null): StepChange {
  if (before === after) return 'unchanged';
  const b = before === null ? undefined : HEALTH_RANK[before];
  const a = after === null ? undefined : HEALTH_RANK[after];
  if (a === undefined || b === undefined) return 'changed';
  return a < b ? 'better' : 'worse';
}

function side(r: Report): RunSide {
  return {
    host: r.host.computerName,
    collectedAt: r.collectedAt,
    engine: r.engine.version,
    ruleset: r.engine.ruleset,
  };
}

function diffChecks(a: Report, b: Report): CheckDiff[] {
  const before = new Map(a.findings.map((f) => [f.checkId, f]));
  const out: CheckDiff[] = [];
  const seen = new Set<string>();
  for (const f of b.findings) {
    const old = before.get(f.checkId);
    seen.add(f.checkId);
    out.push({
      checkId: f.checkId,
      step: f.step,
      title: f.title,
      before: old?.status ?? null,
      after: f.status,
      change: classifyChange(old?.status ?? null, f.status),
      summaryBefore: old?.summary ?? null,
      summaryAfter: f.summary,
    });
  }
  for (const f of a.findings) {
    if (seen.has(f.checkId)) continue;
    out.push({
      checkId: f.checkId,
      step: f.step,
      title: f.title,
      before: f.status,
      after: null,
      change: 'removed',
      summaryBefore: f.summary,
      summaryAfter: null,
    });
  }
  return out;
}

function diffSteps(a: Report, b: Report, checks: CheckDiff[]): StepDiff[] {
  return STEP_IDS.map((id) => {
    const before = a.steps.find((s) => s.id === id)?.health ?? null;
    const after = b.steps.find((s) => s.id === id)?.health ?? null;
    const counts = { new: 0, fixed: 0, changed: 0, removed: 0 };
    for (const c of checks) if (c.step === id && c.change !== 'unchanged') counts[c.change]++;
    return { id, before, after, change: stepChange(before, after), checks: counts };
  });
}

function linkChecks(checks: CheckDiff[], evidence: EvidenceDiff[], opts: CompareOptions): void {
  if (!opts.readsOf) return;
  const readers = new Map<EvidenceKey, string[]>();
  for (const c of checks) {
    if (c.change === 'unchanged') continue;
    for (const k of opts.readsOf(c.checkId) ?? [])
      readers.set(k, [...(readers.get(k) ?? []), c.checkId]);
  }
  for (const e of evidence) e.checks = readers.get(e.key) ?? [];
}

/** Compares run `a` (before) with run `b` (after). Pure; linear in the size of the snapshots. */
export function compareRuns(a: ComparedRun, b: ComparedRun, opts: CompareOptions = {}): RunDiff {
  const checks = diffChecks(a.report, b.report);
  const evidence = diffEvidence(a.snapshot, b.snapshot);
  linkChecks(checks, evidence, opts);
  const counts: Record<CheckChange, number> = {
    new: 0,
    fixed: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
  };
  for (const c of checks) counts[c.change]++;
  const before = side(a.report);
  const after = side(b.report);
  return {
    before,
    after,
    crossHost: before.host.toLowerCase() !== after.host.toLowerCase(),
    rulesetChanged: before.ruleset !== after.ruleset || before.engine !== after.engine,
    counts,
    checks,
    steps: diffSteps(a.report, b.report, checks),
    evidence,
  };
}
