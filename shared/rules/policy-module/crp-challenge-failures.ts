// Challenge validation failures: legacy CRP events 20501 (rejected) / 20502 (could not verify) with
// diagnostic codes 0x408–0x411, and the current connector's Operational 4005 ScepVerifyFailure. Each
// means a device's SCEP request was refused at step 3 (S-EVENTS, SEED-CFG, M-CONN, S-CRPFAIL).
import { defineRule } from '../../engine/define-rule';
import {
  channelEvents,
  connectorDecoded,
  eventCode,
  groupByCode,
  unreadable,
} from '../../engine/computed/connector';
import { fill } from '../../engine/computed/text';
import { eventFacts } from '../../engine/computed/events';
import type { CheckOutcome, TableEvidence } from '../../model';
import type { EventRecord } from '../../parse/event-xml';

const strings = {
  title: 'Intune challenges are validated',
  failureTitle: 'Intune challenge validation failed for devices',
  why: "When the challenge cannot be validated the device's request is rejected and it gets no certificate.",
  fix: '0x408 → check the NDES and connector configuration (CRP encryption certificate); 0x409 → the Intune Connector Service must run and the download events must succeed (S-CRPFAIL: restart the service; if that fails, set the MSCEP templates to IPSECIntermediateOffline, reboot, wait for the NDESConnector registry values, then restore the templates); 0x410 → check the NDES and connector configuration; 0x411 → the device retries after it gets a new challenge (challenges are valid for 1 hour).',
  notApplicable:
    'Neither the legacy connector log nor the current Operational channel exists on this host.',
  failed:
    '{count} challenge validation failures (events {ids}) were logged in the 14 days before collection, the last at {last}.',
  passed: 'No challenge validation failure was logged in the 14 days before collection.',
  unreadable:
    'No challenge validation failure was found in the readable channels, but these could not be read: {files}.',
  table: 'Challenge validation failures by event, code and device',
};

const LEGACY_IDS = [20501, 20502];
const CURRENT_IDS = [4005];
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

/** Device ID: the first GUID in EventData (the field name is not documented). */
const deviceOf = (e: EventRecord) =>
  e.data.map((d) => GUID.exec(d.value)?.[0]).find((g) => g !== undefined) ?? '-';

function table(events: readonly EventRecord[]): TableEvidence {
  const rows = new Map<string, { row: string[]; count: number }>();
  for (const e of events) {
    const key = [String(e.eventId), eventCode(e) ?? '-', deviceOf(e)];
    const g = rows.get(key.join('|')) ?? { row: key, count: 0 };
    g.count++;
    rows.set(key.join('|'), g);
  }
  return {
    kind: 'table',
    caption: strings.table,
    headers: ['Event', 'Code', 'Device ID', 'Count'],
    rows: [...rows.values()].map((g) => [...g.row, String(g.count)]),
  };
}

export default defineRule({
  meta: {
    id: 'crp-challenge-failures',
    step: 'policy-module',
    severity: 'high',
    requiredEvidence: [],
    optionalEvidence: ['eventsLegacyConnector', 'eventsConnectorOperational'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ eventsLegacyConnector: legacy, eventsConnectorOperational: op }, ctx): CheckOutcome => {
    if (legacy.state === 'absent' && op.state === 'absent')
      return { status: 'not-applicable', summary: strings.notApplicable };
    const legacyFailures = (channelEvents(legacy, ctx.windowFromMs, ctx.nowMs) ?? []).filter((e) =>
      LEGACY_IDS.includes(e.eventId),
    );
    const currentFailures = (channelEvents(op, ctx.windowFromMs, ctx.nowMs) ?? []).filter((e) =>
      CURRENT_IDS.includes(e.eventId),
    );
    const bad = unreadable([legacy, op]);
    const failures = [...legacyFailures, ...currentFailures];
    if (failures.length > 0) {
      return {
        status: 'fail',
        summary: fill(strings.failed, eventFacts(failures)),
        evidence: [
          table(failures),
          ...groupByCode(legacy.path, legacyFailures),
          ...groupByCode(op.path, currentFailures),
          ...bad,
        ],
        decoded: [
          ...connectorDecoded('legacy', legacyFailures),
          ...connectorDecoded('Operational', currentFailures),
        ],
      };
    }
    if (bad.length > 0) {
      const files = bad.map((u) => `${u.file} (${u.state})`).join(', ');
      return { status: 'unknown', summary: fill(strings.unreadable, { files }), evidence: bad };
    }
    return { status: 'pass', summary: strings.passed };
  },
});
