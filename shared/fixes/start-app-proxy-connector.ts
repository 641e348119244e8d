// Sets the Entra application proxy connector service (WAPCSvc) to start automatically and starts
// it: when it is stopped, the external SCEP URL answers GatewayTimeout (S-DEV2NDES, SEED-D2N,
// E-APPPROXY). No reboot.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { findServices } from '../engine/computed/connector';
import { buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { serviceSteps } from './services';

export const strings = {
  title: 'Start the application proxy connector',
  why: 'Devices outside the network reach NDES through the application proxy connector; when it is stopped the external SCEP URL answers GatewayTimeout.',
  change: 'Sets WAPCSvc to start automatically and starts it, as listed in the steps. No reboot.',
  noServices: 'services.json was not read, so the service state is unknown.',
  notInstalled: 'The application proxy connector (WAPCSvc) is not installed on this host.',
  running: 'WAPCSvc is already running with start mode Auto.',
  proxy:
    'If it stops again, check its outbound proxy (ConfigureOutBoundProxy.ps1 in the connector folder) and its Application events.',
};

export const meta: WizardMeta = {
  id: 'start-app-proxy-connector',
  checks: ['app-proxy-connector-running'],
  verifies: ['app-proxy-connector-running'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    if (!isOk(snapshot.services)) return refuse(strings.noServices);
    const [svc] = findServices(snapshot.services, ['WAPCSvc']);
    if (!svc) return refuse(strings.notInstalled);
    const steps = serviceSteps(svc);
    if (steps.length === 0) return refuse(strings.running);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: strings.change,
      steps,
      notes: [strings.proxy],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
