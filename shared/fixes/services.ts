// Steps that make Windows services start automatically and run (Set-Service -StartupType
// Automatic; Start-Service), with undo commands that put back the start mode and state the bundle
// recorded (Win32_Service StartMode/State). Shared by the connector and App Proxy wizards.
import type { FixStep } from '../model/fix-plan';
import type { ServiceInfo } from '../engine/computed/connector';
import { fill } from '../engine/computed/text';
import { FixValidationError, valid } from './validate';

export const SERVICE_STRINGS = {
  startup: 'Set {name} to start automatically',
  startupWhy: '{name} has start mode {mode}; it must be Auto to come back after a restart.',
  start: 'Start {name}',
  startWhy: '{name} is {state}.',
  none: '(none)',
};

/** Win32_Service StartMode → Set-Service -StartupType. */
const STARTUP: Record<string, string> = {
  auto: 'Automatic',
  manual: 'Manual',
  disabled: 'Disabled',
};

function startupType(mode: string | null, name: string): string {
  const t = STARTUP[(mode ?? '').toLowerCase()];
  if (!t)
    throw new FixValidationError(`start mode of ${name}`, mode ?? '', 'Auto, Manual or Disabled');
  return t;
}

/** Steps for one service that is not Running with start mode Auto (none when it already is). */
export function serviceSteps(s: ServiceInfo): FixStep[] {
  const name = valid('serviceName', 'service', s.name);
  const steps: FixStep[] = [];
  const v = {
    name,
    mode: s.startMode ?? SERVICE_STRINGS.none,
    state: s.state ?? SERVICE_STRINGS.none,
  };
  if ((s.startMode ?? '').toLowerCase() !== 'auto') {
    steps.push({
      id: `startup-${name.toLowerCase()}`,
      kind: 'change',
      title: fill(SERVICE_STRINGS.startup, v),
      why: fill(SERVICE_STRINGS.startupWhy, v),
      command: { powershell: 'set-startup-type', params: { Name: name, StartupType: 'Automatic' } },
      undo: {
        powershell: 'set-startup-type',
        params: { Name: name, StartupType: startupType(s.startMode, name) },
      },
      needsReboot: false,
      restarts: [],
    });
  }
  if ((s.state ?? '').toLowerCase() !== 'running') {
    steps.push({
      id: `start-${name.toLowerCase()}`,
      kind: 'change',
      title: fill(SERVICE_STRINGS.start, v),
      why: fill(SERVICE_STRINGS.startWhy, v),
      command: { powershell: 'set-service-state', params: { Name: name, State: 'Running' } },
      undo: { powershell: 'set-service-state', params: { Name: name, State: 'Stopped' } },
      needsReboot: false,
      restarts: [{ kind: 'service', name }],
      timeoutMs: 180_000,
    });
  }
  return steps;
}
