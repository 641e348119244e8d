import type { AnyRule, EvidenceKey, Rule } from '../model';

/**
 * Declares a rule. The type parameters narrow `check`'s evidence to what the meta declares, so a
 * rule cannot read evidence it did not ask for (STYLE principle 4).
 */
export function defineRule<K extends EvidenceKey, O extends EvidenceKey = never>(
  rule: Rule<K, O>,
): AnyRule {
  return rule as unknown as AnyRule;
}
