/** The SCEP flow steps of CHECKS.md §2, in flow order. */
export const STEP_IDS = [
  'host',
  'profile',
  'device-to-ndes',
  'policy-module',
  'ndes-to-ca',
  'delivery',
  'reporting',
] as const;

/** One step of the SCEP flow (CHECKS.md §2). */
export type StepId = (typeof STEP_IDS)[number];

/** Roll-up health of a step. `unknown` when nothing could be judged. */
export type Health = 'ok' | 'warn' | 'fail' | 'unknown';

/** A step with its rolled-up health and how many findings of each status it holds. */
export interface StepHealth {
  /** Step id. */
  id: StepId;
  /** Worst judged status of the step's findings. */
  health: Health;
  /** Number of findings per status. */
  counts: Partial<Record<CheckStatus, number>>;
}

/** Status of one check (CHECKS.md §1). */
export type CheckStatus =
  'pass' | 'fail' | 'warn' | 'info' | 'not-applicable' | 'unknown' | 'error';

/** How serious a fail/warn of a check is. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';
