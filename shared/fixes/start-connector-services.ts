// Sets every installed Intune connector service that is not Running/Auto to start automatically
// and starts it (T-MARK, T-YZ2 LOC07/CON03, SEED-CFG step 5.8). A service that stops again usually
// failed to reach Intune (TLS 1.2, proxy): the plan says where to look. No reboot.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { findServices, runsAutomatically } from '../engine/computed/connector';
import { fill } from '../engine/computed/text';
import { buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { serviceSteps } from './services';

export const strings = {
  title: 'Start the Intune connector services',
  why: 'The connector services validate challenges and report results to Intune; when one is stopped or not set to start automatically, requests stall without validation.',
  change: 'Sets {names} to start automatically and starts them, as listed in the steps. No reboot.',
  noServices: 'services.json was not read, so the service states are unknown.',
  none: 'None of the connector services is installed (see connector-installed).',
  running: 'Every installed connector service is already running with start mode Auto.',
  stopsAgain:
    'If a service stops again or stays in StartPending, it cannot reach Intune: see tls12-enabled and connector-proxy-format.',
};

/** The services connector-services-running judges (CHECKS.md). */
const JUDGED = [
  'PFXCertificateConnectorSvc',
  'PkiCreateConnectorSvc',
  'PkiRevokeConnectorSvc',
  'NDESConnectorSvc',
];

export const meta: WizardMeta = {
  id: 'start-connector-services',
  checks: ['connector-services-running'],
  verifies: ['connector-services-running'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    if (!isOk(snapshot.services)) return refuse(strings.noServices);
    const installed = findServices(snapshot.services, JUDGED);
    if (installed.length === 0) return refuse(strings.none);
    const bad = installed.filter((s) => !runsAutomatically(s));
    if (bad.length === 0) return refuse(strings.running);
    const steps = bad.flatMap(serviceSteps);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { names: bad.map((s) => s.name).join(', ') }),
      steps,
      notes: [strings.stopsAgain],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
