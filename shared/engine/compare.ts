// Compares two diagnosis runs (same host over time, or a working and a broken server): which
// checks became new failures or were fixed, how each flow step moved, and the evidence
// differences that explain it, so an admin can answer "what changed since it last worked?".
import { STEP_IDS } from '../model';
import type { CheckStatus, EvidenceKey, Health, Report, Snapshot, StepId } from '../model';
import { areaOf, evidenceStates, MAX_VALUE_CHARS, snapshotFacts } from './compare-evidence';
import type { EvidenceArea, Facts } from './compare-evidence';

export type { EvidenceArea } from './compare-evidence';

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

export interface EvidenceDiff {
  area: EvidenceArea;
  item: string;
  /** Value on each side; null when absent there (or unreadable, for counts). */
  before: string | null;
  after: string | null;
  /** Snapshot evidence the value comes from. */
  key: EvidenceKey;
  /** Changed checks that read this evidence (when the caller says which rule reads what). */
  checks: string[];
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
const AREA_ORDER: EvidenceArea[] = [
  'registry',
  'iis',
  'app-pools',
  'services',
  'certificates',
  'probe',
  'logs',
  'events',
  'artifacts',
];

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

function clip(v: string | null): string | null {
  return v !== null && v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS - 1)}…` : v;
}

function row(
  area: EvidenceArea,
  item: string,
  key: EvidenceKey,
  before: string | null,
  after: string | null,
): EvidenceDiff {
  return { area, item, key, before, after, checks: [] };
}

/**
 * Facts present on one side only are absent on the other, unless the other side could not read
 * that evidence at all: then only its collection state is reported (diffStates).
 */
function diffFacts(a: Facts, b: Facts, unreadable: Unreadable, out: EvidenceDiff[]): void {
  for (const [id, fa] of a) {
    const fb = b.get(id);
    if (fb === undefined && unreadable.after.has(fa.key)) continue;
    if (fb === undefined || fb.value !== fa.value)
      out.push(row(fa.area, fa.item, fa.key, fa.value, fb?.value ?? null));
  }
  for (const [id, fb] of b)
    if (!a.has(id) && !unreadable.before.has(fb.key))
      out.push(row(fb.area, fb.item, fb.key, null, fb.value));
}

/** A renewed or replaced certificate (same store, CN and template) becomes one row. */
function pairCertificates(rows: EvidenceDiff[]): EvidenceDiff[] {
  const removed = new Map<string, EvidenceDiff[]>();
  const added = new Map<string, EvidenceDiff[]>();
  for (const r of rows) {
    if (r.area !== 'certificates') continue;
    const map = r.after === null ? removed : r.before === null ? added : null;
    if (map) map.set(r.item, [...(map.get(r.item) ?? []), r]);
  }
  const drop = new Set<EvidenceDiff>();
  for (const [item, gone] of removed) {
    const came = added.get(item);
    if (gone.length !== 1 || came?.length !== 1) continue;
    const [g, c] = [gone[0]!, came[0]!];
    drop.add(c);
    // Same text on both sides (e.g. the renewed certificate's key): no difference to show.
    if (g.before === c.after) drop.add(g);
    else g.after = c.after;
  }
  return rows.filter((r) => !drop.has(r));
}

/** Counters seen on one side only are 0 on the other, when it could read that evidence. */
function diffCounts(a: Facts, b: Facts, unreadable: Unreadable, out: EvidenceDiff[]): void {
  for (const [id, fa] of a) {
    if (unreadable.after.has(fa.key)) continue;
    const after = b.get(id)?.value ?? '0';
    if (after !== fa.value) out.push(row(fa.area, fa.item, fa.key, fa.value, after));
  }
  for (const [id, fb] of b)
    if (!a.has(id) && !unreadable.before.has(fb.key))
      out.push(row(fb.area, fb.item, fb.key, '0', fb.value));
}

/** Evidence keys each side could not read (not `ok` and not `absent`). */
interface Unreadable {
  before: Set<EvidenceKey>;
  after: Set<EvidenceKey>;
}

function unreadableKeys(states: ReturnType<typeof evidenceStates>): Set<EvidenceKey> {
  const out = new Set<EvidenceKey>();
  for (const [key, s] of states) if (s.state !== 'ok' && s.state !== 'absent') out.add(key);
  return out;
}

function diffStates(
  sa: ReturnType<typeof evidenceStates>,
  sb: ReturnType<typeof evidenceStates>,
  out: EvidenceDiff[],
): void {
  for (const [key, x] of sa) {
    const y = sb.get(key);
    if (y?.state === x.state) continue;
    out.push(row(areaOf(key), `${x.path} (collection)`, key, x.state, y?.state ?? null));
  }
  for (const [key, y] of sb)
    if (!sa.has(key)) out.push(row(areaOf(key), `${y.path} (collection)`, key, null, y.state));
}

function diffEvidence(a: Snapshot, b: Snapshot): EvidenceDiff[] {
  const fa = snapshotFacts(a);
  const fb = snapshotFacts(b);
  const sa = evidenceStates(a);
  const sb = evidenceStates(b);
  const unreadable = { before: unreadableKeys(sa), after: unreadableKeys(sb) };
  let rows: EvidenceDiff[] = [];
  diffStates(sa, sb, rows);
  diffFacts(fa.facts, fb.facts, unreadable, rows);
  diffCounts(fa.counts, fb.counts, unreadable, rows);
  rows = pairCertificates(rows);
  for (const r of rows) {
    r.before = clip(r.before);
    r.after = clip(r.after);
  }
  const rank = (r: EvidenceDiff) => AREA_ORDER.indexOf(r.area);
  return rows.sort((x, y) => rank(x) - rank(y) || x.item.localeCompare(y.item));
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
