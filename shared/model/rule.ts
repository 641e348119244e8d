import type { EvidenceKey, Snapshot } from './snapshot';
import type { CheckStatus, Severity, StepId } from './step';
import type { Decoded, EvidenceItem } from './finding';
import type { Manifest } from './manifest';

/** What a rule is: its stable id, where it sits in the flow, and which evidence it reads. */
export interface RuleMeta<K extends EvidenceKey, O extends EvidenceKey> {
  /** Stable public check id from CHECKS.md (= the rule's file name). */
  id: string;
  /** Flow step the check belongs to. */
  step: StepId;
  /** How serious a fail/warn is. */
  severity: Severity;
  /** Evidence without which the check cannot be judged: unusable ⇒ `unknown`. */
  requiredEvidence: readonly K[];
  /** Evidence read when usable (details, fallbacks); the rule handles its state. */
  optionalEvidence?: readonly O[];
  /** Fix wizard id from CHECKS.md, or `manual`. */
  fixWizard: string;
}

/**
 * User-facing text of a rule (translatable catalog entry). `title` is the check's name,
 * `failureTitle` its failing form, `why` why it matters, `fix` how to repair it.
 */
export interface RuleStrings {
  title: string;
  failureTitle: string;
  why: string;
  fix: string;
  [key: string]: string;
}

/** Everything a rule may know besides its evidence. */
export interface CheckContext {
  /** The bundle's collectedAt, in ms: the rules' only clock. */
  nowMs: number;
  /** Start of the default 14-day window, in ms. */
  windowFromMs: number;
  /** The manifest (host names, culture, utc offset). */
  manifest: Manifest;
}

/** What `check` returns. */
export interface CheckOutcome {
  status: CheckStatus;
  /** One sentence about this host. */
  summary: string;
  evidence?: EvidenceItem[];
  decoded?: Decoded[];
}

/** One check: meta + strings + a pure function of declared evidence and the context. */
export interface Rule<K extends EvidenceKey = EvidenceKey, O extends EvidenceKey = never> {
  meta: RuleMeta<K, O>;
  strings: RuleStrings;
  check(evidence: Pick<Snapshot, K | O>, ctx: CheckContext): CheckOutcome;
}

/** A rule of any evidence set, as the registry holds them. */
export interface AnyRule {
  meta: RuleMeta<EvidenceKey, EvidenceKey>;
  strings: RuleStrings;
  check(evidence: Snapshot, ctx: CheckContext): CheckOutcome;
}
