import type { StepId } from '../model';

/** Display names of the flow steps (CHECKS.md §2). */
export const STEP_LABELS: Record<StepId, string> = {
  host: 'Host foundation',
  profile: '1. Profile delivered to the device',
  'device-to-ndes': '2. Device → NDES (proxy, HTTP.sys, IIS, mscep.dll)',
  'policy-module': '3. Intune policy module validates the challenge',
  'ndes-to-ca': '4. NDES → issuing CA',
  delivery: '5. Certificate delivered to the device',
  reporting: '6. Connector reports to Intune',
};
