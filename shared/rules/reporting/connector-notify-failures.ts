// Reporting the issued certificate back to Intune (step 6): legacy CRP event 20602 and non-2xx answers
// to POST /CertificateRegistrationSvc/Certificate/Notify, current Operational 4009/4010. The device
// already has its certificate, but Intune shows it pending or failed (S-REPORT, S-EVENTS, M-CONN).
import { defineRule } from '../../engine/define-rule';
import {
  anyConnector,
  channelEvents,
  connectorDecoded,
  connectorPresence,
  groupByCode,
  unreadable,
} from '../../engine/computed/connector';
import {
  iisCoverage,
  iisDecoded,
  requestTable,
  sampleEvidence,
  unavailableEvidence,
} from '../../engine/computed/logs';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The connector reports issued certificates to Intune',
  failureTitle: 'The connector failed to report issued certificates to Intune',
  why: 'The device has its certificate, but Intune shows the request as pending or failed when the connector cannot report it.',
  fix: '20602 → check the connection between NDES and the CA (S-EVENTS); check connector-recent-connection, then restart the connector services; legacy: if files are stuck in %ProgramFiles%\\Microsoft Intune\\CertificateRequestStatus\\Processing, restart the Intune Connector Service. Reboot: no.',
  noConnector: 'No Intune connector is installed, so nothing is reported to Intune from this host.',
  failed:
    '{count} failed reports to Intune were found in the 14 days before collection ({sources}).',
  passed: 'No failed report to Intune was found in the 14 days before collection.',
  unreadable:
    'No failed report to Intune was found in the readable sources, but these could not be read: {files}.',
  presenceUnknown:
    'No failed report was found, but whether an Intune connector is installed cannot be told, because these sources could not be read: {files}.',
  table: 'Legacy Notify requests that did not end in 2xx (last 14 days)',
  samples: 'HTTP {code} on Notify',
};

const LEGACY_IDS = [20602];
const CURRENT_IDS = [4009, 4010];

export default defineRule({
  meta: {
    id: 'connector-notify-failures',
    step: 'reporting',
    severity: 'medium',
    requiredEvidence: [],
    optionalEvidence: [
      'eventsLegacyConnector',
      'eventsConnectorOperational',
      'iisLogs',
      'installedProducts',
      'services',
      'regIntune',
    ],
    fixWizard: 'manual',
  },
  strings,
  check: (s, ctx): CheckOutcome => {
    const { eventsLegacyConnector: legacy, eventsConnectorOperational: op, iisLogs } = s;
    const presence = connectorPresence(s);
    if (anyConnector(presence) === 'absent')
      return { status: 'not-applicable', summary: strings.noConnector };
    const from = ctx.windowFromMs;
    const legacyFails = (channelEvents(legacy, from, ctx.nowMs) ?? []).filter((e) =>
      LEGACY_IDS.includes(e.eventId),
    );
    const currentFails = (channelEvents(op, from, ctx.nowMs) ?? []).filter((e) =>
      CURRENT_IDS.includes(e.eventId),
    );
    const notify =
      iisLogs.state === 'ok' && iisLogs.value
        ? iisLogs.value.groups.filter(
            (g) =>
              g.path === 'crp-notify' &&
              g.method.toUpperCase() === 'POST' &&
              g.status >= 0 &&
              (g.status < 200 || g.status > 299),
          )
        : [];
    const requests = notify.reduce((n, g) => n + g.count, 0);
    // A legacy connector reports through the legacy log and IIS; the current one through Operational.
    const needed = [
      ...(presence.legacy !== 'absent' ? [legacy] : []),
      ...(presence.current !== 'absent' ? [op] : []),
    ];
    const missing = [
      ...unreadable(needed),
      ...(presence.legacy !== 'absent'
        ? unavailableEvidence(iisCoverage(iisLogs, from, ctx.nowMs).unavailable)
        : []),
    ];
    const count = legacyFails.length + currentFails.length + requests;
    if (count > 0) {
      const sources = [
        legacyFails.length > 0 ? `${legacy.path}: ${legacyFails.length}` : '',
        currentFails.length > 0 ? `${op.path}: ${currentFails.length}` : '',
        requests > 0 ? `${iisLogs.path}: ${requests}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const evidence: EvidenceItem[] = [
        ...groupByCode(legacy.path, legacyFails),
        ...groupByCode(op.path, currentFails),
        ...(notify.length > 0 ? [requestTable(strings.table, notify)] : []),
        ...notify.flatMap((g) =>
          sampleEvidence(g.samples, g.count, fill(strings.samples, { code: g.status })),
        ),
        ...missing,
      ];
      return {
        status: 'fail',
        summary: fill(strings.failed, { count, sources }),
        evidence,
        decoded: [
          ...connectorDecoded('legacy', legacyFails),
          ...connectorDecoded('Operational', currentFails),
          ...iisDecoded(notify, 'crp-notify'),
        ],
      };
    }
    if (missing.length > 0) {
      const files = missing.map((u) => `${u.file} (${u.state})`).join(', ');
      return { status: 'unknown', summary: fill(strings.unreadable, { files }), evidence: missing };
    }
    if (anyConnector(presence) === 'unknown') {
      const files = presence.unreadable.join(', ');
      return { status: 'unknown', summary: fill(strings.presenceUnknown, { files }) };
    }
    return { status: 'pass', summary: strings.passed, evidence: [presence.evidence] };
  },
});
