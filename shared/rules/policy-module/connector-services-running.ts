// The connector's Windows services do the validation, issuing and reporting; a stopped or manual
// service stalls every request, and StartPending usually means a TLS or proxy failure at start-up
// (T-MARK, T-YZ2 LOC07/CON03, SEED-CFG step 5.8; legacy stopped service → diagnostic 0x00000409).
import { defineRule } from '../../engine/define-rule';
import { findServices, runsAutomatically, serviceTable } from '../../engine/computed/connector';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The Intune connector services are running',
  failureTitle: 'An Intune connector service is not running automatically',
  why: 'The connector services validate challenges and report results to Intune; when one is stopped or not set to start automatically, requests stall without validation.',
  fix: 'Set-Service <Name> -StartupType Automatic; Start-Service <Name>. If it stops again, see tls12-enabled and connector-proxy-format. Reboot: no.',
  absent: 'services.json is absent, so the connector services cannot be judged.',
  none: 'None of the connector services (PFXCertificateConnectorSvc, PkiCreateConnectorSvc, PkiRevokeConnectorSvc, NDESConnectorSvc) is installed.',
  ok: 'All {count} installed connector services ({names}) are Running with start mode Auto.',
  bad: '{count} connector service(s) are not Running with start mode Auto: {list}.',
  badItem: '{name} is {state} with start mode {startMode}',
  startPending:
    'A service in StartPending usually failed to reach Intune at start-up (TLS 1.2, proxy).',
  caption: 'Intune connector services',
  noValue: '(none)',
};

const JUDGED = [
  'PFXCertificateConnectorSvc',
  'PkiCreateConnectorSvc',
  'PkiRevokeConnectorSvc',
  'NDESConnectorSvc',
];
const DETAILS = ['PfxCreateLegacyConnectorSvc', 'PKIConnectorSvc', 'AzureADConnectAgentUpdater'];

export default defineRule({
  meta: {
    id: 'connector-services-running',
    step: 'policy-module',
    severity: 'critical',
    requiredEvidence: ['services'],
    fixWizard: 'start-connector-services',
  },
  strings,
  check: ({ services }): CheckOutcome => {
    if (!isOk(services)) return { status: 'unknown', summary: strings.absent };
    const judged = findServices(services, JUDGED);
    if (judged.length === 0) return { status: 'not-applicable', summary: strings.none };
    const evidence: EvidenceItem[] = [
      serviceTable(strings.caption, [...judged, ...findServices(services, DETAILS)]),
    ];
    const bad = judged.filter((s) => !runsAutomatically(s));
    if (bad.length === 0) {
      const names = judged.map((s) => s.name).join(', ');
      return {
        status: 'pass',
        summary: fill(strings.ok, { count: judged.length, names }),
        evidence,
      };
    }
    const list = bad
      .map((s) =>
        fill(strings.badItem, {
          name: s.name,
          state: s.state ?? strings.noValue,
          startMode: s.startMode ?? strings.noValue,
        }),
      )
      .join('; ');
    if (bad.some((s) => s.state?.toLowerCase() === 'start pending'))
      evidence.push({ kind: 'text', text: strings.startPending });
    return { status: 'fail', summary: fill(strings.bad, { count: bad.length, list }), evidence };
  },
});
