import type {
  AnyRule,
  ArtifactEvidence,
  CheckContext,
  CheckOutcome,
  Ev,
  EvidenceKey,
  Finding,
  Report,
  Snapshot,
} from '../model';
import { isUnusable } from '../model';
import { stepHealth } from './step-health';
import { ENGINE_VERSION, RULESET_VERSION } from './version';
import { hostSummary } from './computed/host-summary';

const DAY_MS = 86_400_000;

/** The rules' clock: collectedAt, and the 14-day window before it (CHECKS.md §3.0). */
export function contextFor(snapshot: Snapshot): CheckContext {
  const nowMs = Date.parse(snapshot.manifest.collectedAt);
  return { nowMs, windowFromMs: nowMs - 14 * DAY_MS, manifest: snapshot.manifest };
}

/**
 * Runs one rule with the guards of STYLE principle 2: unusable required evidence ⇒ `unknown`
 * without calling the rule; a rule that throws ⇒ `error`. Never throws itself.
 */
export function runRule(rule: AnyRule, snapshot: Snapshot, ctx: CheckContext): Finding {
  const { meta, strings } = rule;
  const base = {
    checkId: meta.id,
    severity: meta.severity,
    step: meta.step,
    title: strings.title,
    why: strings.why,
    fixes: [{ wizard: meta.fixWizard, text: strings.fix }],
  };
  const unusable = meta.requiredEvidence.filter((k) => isUnusable(evidenceOf(snapshot, k)));
  if (unusable.length > 0) {
    const evidence: ArtifactEvidence[] = unusable.map((k) => {
      const ev = evidenceOf(snapshot, k);
      return { kind: 'artifact', file: ev.path, state: ev.state, error: ev.error };
    });
    const files = evidence.map((e) => `${e.file} (${e.state})`).join(', ');
    return {
      ...base,
      status: 'unknown',
      summary: `Not judged: evidence unavailable: ${files}.`,
      evidence,
      decoded: [],
    };
  }
  let outcome: CheckOutcome;
  try {
    outcome = rule.check(snapshot, ctx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ...base,
      status: 'error',
      summary: `The check itself failed: ${message}`,
      evidence: [],
      decoded: [],
    };
  }
  return {
    ...base,
    status: outcome.status,
    summary: outcome.summary,
    evidence: outcome.evidence ?? [],
    decoded: outcome.decoded ?? [],
  };
}

function evidenceOf(snapshot: Snapshot, key: EvidenceKey): Ev<unknown> {
  const ev = snapshot[key] as Ev<unknown> | undefined;
  return ev ?? { state: 'missing', path: key, error: 'not in snapshot' };
}

/** Options for a run. */
export interface RunOptions {
  source?: Report['source'];
}

/** Runs every rule over a snapshot and assembles the report. Always completes. */
export function runRules(
  rules: readonly AnyRule[],
  snapshot: Snapshot,
  options: RunOptions = {},
): Report {
  const ctx = contextFor(snapshot);
  const findings = rules.map((rule) => runRule(rule, snapshot, ctx));
  const artifactProblems = Object.entries(snapshot)
    .filter(([k]) => k !== 'schema' && k !== 'manifest')
    .map(([, v]) => v as Ev<unknown>)
    .filter((ev) => isUnusable(ev))
    .map((ev) => ({ path: ev.path, state: ev.state, error: ev.error ?? null }));
  const m = snapshot.manifest;
  return {
    schema: 'ndes-doctor-report/1',
    host: hostSummary(snapshot),
    collectedAt: m.collectedAt,
    engine: { name: 'ndes-doctor', version: ENGINE_VERSION, ruleset: RULESET_VERSION },
    source: options.source ?? { kind: 'bundle', path: null, sha256: null },
    steps: stepHealth(findings),
    findings,
    artifactProblems,
    redaction: m.redaction ? m.redaction.mode : null,
  };
}
