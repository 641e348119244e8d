// NDES error events in the Application log (CHECKS.md §4.6): 2 cannot start, 6 no Enroll right,
// 10 RA certificate unusable, 16/17/18 client message undecodable (X-GRAD, X-ASKDS). Event 17 with
// 0x8009310b right before collection is the collector's own long-URL probe (T-URL) and is ignored.
import { defineRule } from '../../engine/define-rule';
import type { Decoded, EvidenceItem } from '../../model';
import type { EventRecord } from '../../parse/event-xml';
import {
  byProvider,
  eventText,
  groupEvents,
  inWindow,
  eventFacts,
} from '../../engine/computed/events';
import { fill } from '../../engine/computed/text';
import { decodeNdesEvent, NDES_PROVIDER } from '../../decode/ndes-events';
import { decodeHresult, findHresult } from '../../decode/hresult';
import { PROBE_WINDOW_MS } from '../../decode/user-agent';

const strings = {
  title: 'No NDES error events',
  failureTitle: 'NDES logged error events',
  why: 'These events mean NDES could not start, could not use its RA certificates or template rights, or could not read what devices sent; enrollment fails at NDES itself.',
  fix: 'See CHECKS.md §4.6: events 2 and 10 with 0x80070057 → ra-private-key-readable (RA keys and their permissions); event 2 with 0x80070002 → the MSCEP registry and the policy module; event 6 → give the service account Read and Enroll on the template; event 49 → delete MSCEP\\EncryptedPassword. Reboot: per the linked check.',
  failed:
    '{count} NDES error events (IDs {ids}) were logged in the 14 days before collection, the last at {last}.',
  passed:
    'No NDES error event (IDs 2, 6, 10, 16, 17, 18) was logged in the 14 days before collection.',
  notRead: 'The Application log was not collected, so NDES events cannot be judged.',
  probeIgnored:
    "{count} event 17 entries with 0x8009310b from the last 15 minutes before collection were ignored: the collector's long-URL probe causes them.",
};

const ERROR_IDS = [2, 6, 10, 16, 17, 18];
const INFO_IDS = [1, 3, 4, 7, 49];

const fullText = (e: EventRecord) => `${eventText(e)} ${e.message ?? ''}`;

function decodedOf(events: readonly EventRecord[]): Decoded[] {
  const out = new Map<string, Decoded>();
  for (const e of events) {
    const ev = decodeNdesEvent(e.eventId);
    if (ev) out.set(`event ${e.eventId}`, { raw: `event ${e.eventId}`, meaning: ev.meaning });
    const code = findHresult(fullText(e));
    const hr = code ? decodeHresult(code) : null;
    if (hr)
      out.set(hr.raw, {
        raw: hr.raw,
        meaning: hr.meaning,
        ...(hr.checkId ? { checkId: hr.checkId } : {}),
      });
  }
  return [...out.values()];
}

export default defineRule({
  meta: {
    id: 'ndes-event-errors',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['eventsApplication'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ eventsApplication: app }, ctx) => {
    if (app.state !== 'ok' || !app.value) return { status: 'unknown', summary: strings.notRead };
    const recent = inWindow(byProvider(app.value, NDES_PROVIDER), ctx.windowFromMs, ctx.nowMs);
    const probeFrom = ctx.nowMs - PROBE_WINDOW_MS;
    const isProbeTrace = (e: EventRecord) =>
      e.eventId === 17 &&
      e.timeCreated !== null &&
      Date.parse(e.timeCreated) >= probeFrom &&
      /0x8009310b/i.test(fullText(e));
    const errors = recent.filter((e) => ERROR_IDS.includes(e.eventId) && !isProbeTrace(e));
    const ignored = recent.filter(isProbeTrace);
    const info = recent.filter((e) => INFO_IDS.includes(e.eventId));
    const evidence: EvidenceItem[] = [
      ...groupEvents(app.path, errors),
      ...(ignored.length > 0
        ? [{ kind: 'text' as const, text: fill(strings.probeIgnored, { count: ignored.length }) }]
        : []),
      ...groupEvents(app.path, info),
    ];
    if (errors.length === 0)
      return { status: 'pass', summary: strings.passed, evidence, decoded: decodedOf(info) };
    const facts = eventFacts(errors);
    return {
      status: 'fail',
      summary: fill(strings.failed, facts),
      evidence,
      decoded: decodedOf([...errors, ...info]),
    };
  },
});
