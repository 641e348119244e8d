import { STEP_IDS } from '../model';
import type { CheckStatus, Finding, Health, StepHealth } from '../model';

/**
 * Rolls findings up to one health per flow step: any fail ⇒ fail, else any warn ⇒ warn, else
 * anything not judged (unknown/error, or no check at all) ⇒ unknown, else ok.
 */
export function stepHealth(findings: readonly Finding[]): StepHealth[] {
  return STEP_IDS.map((id) => {
    const counts: Partial<Record<CheckStatus, number>> = {};
    for (const f of findings) if (f.step === id) counts[f.status] = (counts[f.status] ?? 0) + 1;
    return { id, health: rollUp(counts), counts };
  });
}

function rollUp(c: Partial<Record<CheckStatus, number>>): Health {
  if (c.fail) return 'fail';
  if (c.warn) return 'warn';
  if (c.unknown || c.error) return 'unknown';
  if (c.pass || c.info || c['not-applicable']) return c.pass || c.info ? 'ok' : 'unknown';
  return 'unknown';
}
