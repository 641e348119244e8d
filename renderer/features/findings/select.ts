// Pure selectors over the report: what the findings list shows for the current filters.
import type { CheckStatus, Finding, Severity, StepId } from '../../../shared/model';
import { STEP_IDS } from '../../../shared/model';

export const STATUS_ORDER: CheckStatus[] = [
  'fail',
  'error',
  'warn',
  'unknown',
  'info',
  'pass',
  'not-applicable',
];
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export interface FindingFilter {
  step: StepId | null;
  statuses: CheckStatus[];
  severities: Severity[];
  search: string;
}

/** Findings matching the filter, grouped by step in flow order, worst first within a step. */
export function groupFindings(
  findings: readonly Finding[],
  f: FindingFilter,
): { step: StepId; findings: Finding[] }[] {
  const q = f.search.trim().toLowerCase();
  const match = (x: Finding) =>
    (f.step === null || x.step === f.step) &&
    (f.statuses.length === 0 || f.statuses.includes(x.status)) &&
    (f.severities.length === 0 || f.severities.includes(x.severity)) &&
    (q === '' ||
      [x.checkId, x.title, x.summary, x.why, ...x.decoded.map((d) => `${d.raw} ${d.meaning}`)]
        .join('\n')
        .toLowerCase()
        .includes(q));
  return STEP_IDS.map((step) => ({
    step,
    findings: findings
      .filter((x) => x.step === step && match(x))
      .sort(
        (a, b) =>
          STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
          SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
          a.checkId.localeCompare(b.checkId),
      ),
  })).filter((g) => g.findings.length > 0);
}
