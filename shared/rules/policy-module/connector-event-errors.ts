// Error events of the connector: the current connector's Admin channel (Level 1/2, e.g. 4001
// ScepRequestIssuedFailure, 4002 ScepRequestUploadFailure) and the legacy "Microsoft Intune
// Connector" log, where every *_Failure ID counts whatever its Level (M-CONN, S-EVENTS, SEED-CFG).
import { defineRule } from '../../engine/define-rule';
import {
  channelEvents,
  connectorDecoded,
  groupByCode,
  unreadable,
} from '../../engine/computed/connector';
import { fill } from '../../engine/computed/text';
import { eventFacts } from '../../engine/computed/events';
import type { CheckOutcome, EvidenceItem } from '../../model';
import type { EventRecord } from '../../parse/event-xml';

const strings = {
  title: 'No Intune connector error events',
  failureTitle: 'The Intune connector logged error events',
  why: 'These events record requests the connector could not issue, upload, download, verify or report, and certificates it could not renew or read.',
  fix: 'Per decoded event (CHECKS.md §4.3–4.5). Examples: 10102 → reinstall the connector; 0x00000402 → grant Issue and Manage Certificates on the CA. Reboot: per the linked check.',
  notApplicable: 'Neither connector event channel exists on this host.',
  failed:
    '{count} connector error events (IDs {ids}) were logged in the 14 days before collection, the last at {last}.',
  passed: 'No connector error event was logged in the 14 days before collection ({channels}).',
  unreadable:
    'No connector error event was found in the readable channels, but these could not be read: {files}.',
};

const isError = (e: EventRecord) => e.level === 1 || e.level === 2;
// CHECKS.md lists these; 10302 (RetrieveCertificate_Error) counts although its name ends in _Error.
const LEGACY_FAILURES = [10102, 10302, 20102, 20202, 20302, 20402, 20502, 20602];
const legacyError = (e: EventRecord) => isError(e) || LEGACY_FAILURES.includes(e.eventId);

export default defineRule({
  meta: {
    id: 'connector-event-errors',
    step: 'policy-module',
    severity: 'medium',
    requiredEvidence: [],
    optionalEvidence: ['eventsConnectorAdmin', 'eventsLegacyConnector'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ eventsConnectorAdmin: admin, eventsLegacyConnector: legacy }, ctx): CheckOutcome => {
    if (admin.state === 'absent' && legacy.state === 'absent')
      return { status: 'not-applicable', summary: strings.notApplicable };
    const adminEvents = channelEvents(admin, ctx.windowFromMs, ctx.nowMs);
    const legacyEvents = channelEvents(legacy, ctx.windowFromMs, ctx.nowMs);
    const adminErrors = (adminEvents ?? []).filter(isError);
    const legacyErrors = (legacyEvents ?? []).filter(legacyError);
    const bad = unreadable([admin, legacy]);
    const errors = [...adminErrors, ...legacyErrors];
    if (errors.length > 0) {
      const evidence: EvidenceItem[] = [
        ...groupByCode(admin.path, adminErrors),
        ...groupByCode(legacy.path, legacyErrors),
        ...bad,
      ];
      const facts = eventFacts(errors);
      return {
        status: 'fail',
        summary: fill(strings.failed, facts),
        evidence,
        decoded: [
          ...connectorDecoded('Admin', adminErrors),
          ...connectorDecoded('legacy', legacyErrors),
        ],
      };
    }
    if (bad.length > 0) {
      const files = bad.map((u) => `${u.file} (${u.state})`).join(', ');
      return { status: 'unknown', summary: fill(strings.unreadable, { files }), evidence: bad };
    }
    const channels = [admin, legacy]
      .filter((ev) => ev.state === 'ok')
      .map((ev) => ev.path)
      .join(', ');
    return { status: 'pass', summary: fill(strings.passed, { channels }) };
  },
});
