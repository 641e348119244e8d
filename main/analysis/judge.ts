// Judges a snapshot with the current rules. Kept apart from the bundle reading so the rules (and
// the certificate library they use) load only when a run is judged.
import { runRules } from '../../shared/engine/run-rules';
import { RULES } from '../../shared/rules';
import type { Report, Snapshot } from '../../shared/model';

/** Runs every rule on `snapshot`. */
export function judgeSnapshot(snapshot: Snapshot, source: Report['source']): Report {
  return runRules(RULES, snapshot, { source });
}
