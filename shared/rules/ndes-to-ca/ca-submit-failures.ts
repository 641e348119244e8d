// NDES event 31 (EVENT_MSCEP_FAIL_SUBMIT): the CA refused or never received a request, so the
// device gets no certificate (S-4800, X-GRAD, S-PKCS). The HRESULT sits in ErrorCode or, as in the
// S-4800 sample, in ErrorMessage; current-connector 4007 (ScepIssuedFailure) is shown as detail.
import { defineRule } from '../../engine/define-rule';
import { decodedCode, submitCodes } from '../../engine/computed/ca';
import { byProvider, eventText, groupEvents, inWindow } from '../../engine/computed/events';
import { fill } from '../../engine/computed/text';
import { decodeNdesEvent, NDES_PROVIDER } from '../../decode/ndes-events';
import { decodeConnectorEvent } from '../../decode/connector-events-current';
import type { CheckOutcome, Decoded, EvidenceItem } from '../../model';
import type { EventRecord } from '../../parse/event-xml';

const strings = {
  title: 'NDES submits requests to the CA without errors',
  failureTitle: 'The CA rejected or never received NDES requests',
  why: 'Event 31 means NDES could not get a certificate from the CA for a device: a wrong or unpublished template, an unreachable CA, an offline revocation server or a template constraint.',
  fix: 'By HRESULT (CHECKS.md §4.8): the template name or its publication (mscep-templates-configured, mscep-templates-published), CA reachability (ca-reachable), reachability of revocation/CRL URLs, or template constraints (key size, subject). Reboot: per the linked check (no for CA-side fixes).',
  notRead:
    'The Application log was not collected ({state}), so CA submission failures cannot be judged.',
  failed:
    'NDES logged {count} CA submission failures (event 31) in the 14 days before collection, the last at {last}; most recent code: {code}.',
  failedNoCode:
    'NDES logged {count} CA submission failures (event 31) in the 14 days before collection, the last at {last}; the events carry no HRESULT, see their text.',
  passed: 'NDES logged no CA submission failure (event 31) in the 14 days before collection.',
  connectorOnly:
    'NDES logged no event 31, but the Intune connector logged ScepIssuedFailure (event 4007) in the window (count: {count}); see the event details.',
};

function decodedOf(events: readonly EventRecord[], extra: readonly EventRecord[]): Decoded[] {
  const out = new Map<string, Decoded>();
  const ndes = decodeNdesEvent(31);
  if (events.length > 0 && ndes) {
    out.set('31', {
      raw: `event 31 ${ndes.symbol ?? ''}`.trim(),
      meaning: ndes.meaning,
      checkId: 'ca-submit-failures',
    });
  }
  const connector = decodeConnectorEvent(4007, 'Operational');
  if (extra.length > 0 && connector) {
    out.set('4007', {
      raw: `event 4007 ${connector.name ?? ''}`.trim(),
      meaning: connector.meaning,
    });
  }
  for (const e of [...events, ...extra]) {
    for (const code of submitCodes(e).codes) {
      const d = decodedCode(code);
      if (d) out.set(code, d);
    }
  }
  return [...out.values()];
}

export default defineRule({
  meta: {
    id: 'ca-submit-failures',
    step: 'ndes-to-ca',
    severity: 'high',
    requiredEvidence: ['eventsApplication'],
    optionalEvidence: ['eventsConnectorOperational'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ eventsApplication: app, eventsConnectorOperational: ops }, ctx): CheckOutcome => {
    if (app.state !== 'ok' || !app.value) {
      return { status: 'unknown', summary: fill(strings.notRead, { state: app.state }) };
    }
    const failures = inWindow(
      byProvider(app.value, NDES_PROVIDER, [31]),
      ctx.windowFromMs,
      ctx.nowMs,
    );
    // The Operational file holds only the connector's own channel, so the ID alone identifies 4007.
    const issued =
      ops.state === 'ok' && ops.value
        ? inWindow(
            ops.value.filter((e) => e.eventId === 4007),
            ctx.windowFromMs,
            ctx.nowMs,
          )
        : [];
    const keyOf = (e: EventRecord) => submitCodes(e).primary ?? eventText(e);
    const evidence: EvidenceItem[] = [
      ...groupEvents(app.path, failures, keyOf),
      ...groupEvents(ops.path, issued, keyOf),
    ];
    const decoded = decodedOf(failures, issued);
    if (failures.length === 0) {
      if (issued.length > 0) {
        const note = fill(strings.connectorOnly, { count: issued.length });
        evidence.unshift({ kind: 'text', text: note });
      }
      return { status: 'pass', summary: strings.passed, evidence, decoded };
    }
    const newest = [...failures].sort((a, b) =>
      (b.timeCreated ?? '').localeCompare(a.timeCreated ?? ''),
    )[0];
    const last = newest?.timeCreated ?? '';
    const code = newest ? submitCodes(newest).primary : null;
    const values = { count: failures.length, last, code: code ?? '' };
    const summary = code ? fill(strings.failed, values) : fill(strings.failedNoCode, values);
    return { status: 'fail', summary, evidence, decoded };
  },
});
