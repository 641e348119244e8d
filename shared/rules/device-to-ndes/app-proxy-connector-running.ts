// When NDES is published through Entra application proxy, the connector service (WAPCSvc) on this
// host carries the external traffic; stopped, the external SCEP URL answers GatewayTimeout
// (S-DEV2NDES, SEED-D2N, E-APPPROXY, E-PNC).
import { defineRule } from '../../engine/define-rule';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome } from '../../model';
import { psArray, psProp, psString } from '../../parse/ps-json';
import type { PsValue } from '../../parse/ps-json';

const strings = {
  title: 'The application proxy connector service is running',
  failureTitle: 'The application proxy connector service is not running automatically',
  why: 'Devices outside the network reach NDES through the application proxy connector; when it is stopped the external SCEP URL answers GatewayTimeout.',
  fix: 'Set-Service WAPCSvc -StartupType Automatic; Start-Service WAPCSvc. For an outbound proxy, use ConfigureOutBoundProxy.ps1 in the connector folder. No reboot needed.',
  absent:
    'services.json is absent, so whether the application proxy connector is installed is unknown.',
  notInstalled: 'The application proxy connector (WAPCSvc) is not installed on this host.',
  ok: '{name} is Running with start mode Auto.',
  bad: '{name} is {state} with start mode {startMode}; it must be Running with start mode Auto.',
  caption: 'Application proxy connector services',
  none: '(none)',
};

function service(list: PsValue[], name: string): PsValue | undefined {
  return list.find((s) => psString(psProp(s, 'Name'))?.toLowerCase() === name.toLowerCase());
}

export default defineRule({
  meta: {
    id: 'app-proxy-connector-running',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['services'],
    fixWizard: 'start-app-proxy-connector',
  },
  strings,
  check: ({ services }): CheckOutcome => {
    if (!isOk(services)) return { status: 'unknown', summary: strings.absent };
    const list = psArray(services.value);
    const svc = service(list, 'WAPCSvc');
    if (!svc) return { status: 'not-applicable', summary: strings.notInstalled };
    const rows = [svc, service(list, 'WAPCUpdaterSvc')]
      .filter((s): s is PsValue => s !== undefined)
      .map((s) =>
        ['Name', 'DisplayName', 'State', 'StartMode', 'StartName'].map(
          (p) => psString(psProp(s, p)) ?? '',
        ),
      );
    const evidence = [
      {
        kind: 'table' as const,
        caption: strings.caption,
        headers: ['Name', 'DisplayName', 'State', 'StartMode', 'StartName'],
        rows,
      },
    ];
    const state = psString(psProp(svc, 'State'));
    const startMode = psString(psProp(svc, 'StartMode'));
    const values = {
      name: psString(psProp(svc, 'DisplayName')) ?? 'WAPCSvc',
      state: state ?? strings.none,
      startMode: startMode ?? strings.none,
    };
    const pass = state?.toLowerCase() === 'running' && startMode?.toLowerCase() === 'auto';
    return {
      status: pass ? 'pass' : 'fail',
      summary: fill(pass ? strings.ok : strings.bad, values),
      evidence,
    };
  },
});
