// Event filtering and grouping shared by the event rules: window, provider/id keys, and grouping of
// repeated events (count, first and last seen) rather than listing each one.
import type { EventEvidence } from '../../model';
import type { EventRecord } from '../../parse/event-xml';

/** Events in [fromMs, toMs] (TimeCreated is UTC). Events without a time are kept. */
export function inWindow(
  events: readonly EventRecord[],
  fromMs: number,
  toMs: number,
): EventRecord[] {
  return events.filter((e) => {
    if (!e.timeCreated) return true;
    const t = Date.parse(e.timeCreated);
    return Number.isNaN(t) || (t >= fromMs && t <= toMs);
  });
}

/** Events of one provider (case-insensitive) whose id is in `ids` (all ids when omitted). */
export function byProvider(
  events: readonly EventRecord[],
  provider: string,
  ids?: readonly number[],
): EventRecord[] {
  const p = provider.toLowerCase();
  return events.filter(
    (e) => e.provider.toLowerCase() === p && (ids === undefined || ids.includes(e.eventId)),
  );
}

/** Value of a named EventData field, or the n-th unnamed one. */
export function eventData(e: EventRecord, name: string | number): string | null {
  if (typeof name === 'number') return e.data[name]?.value ?? null;
  const n = name.toLowerCase();
  return e.data.find((d) => d.name?.toLowerCase() === n)?.value ?? null;
}

/** All EventData values joined, for token searches (HRESULTs, diagnostic codes). */
export function eventText(e: EventRecord): string {
  return e.data.map((d) => d.value).join(' ');
}

/**
 * Groups events by provider, id and a key (default: all data values), newest first; each group
 * is one evidence item with its count and first/last seen.
 */
export function groupEvents(
  file: string,
  events: readonly EventRecord[],
  keyOf: (e: EventRecord) => string = eventText,
): EventEvidence[] {
  const groups = new Map<string, { newest: EventRecord; oldest: EventRecord; count: number }>();
  for (const e of events) {
    const key = `${e.provider}|${e.eventId}|${keyOf(e)}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { newest: e, oldest: e, count: 1 });
      continue;
    }
    g.count++;
    if (time(e) > time(g.newest)) g.newest = e;
    if (time(e) < time(g.oldest)) g.oldest = e;
  }
  return [...groups.values()]
    .sort((a, b) => time(b.newest) - time(a.newest))
    .map(({ newest, oldest, count }) => ({
      kind: 'event',
      file,
      provider: newest.provider,
      eventId: newest.eventId,
      level: newest.level,
      recordId: newest.recordId,
      timeCreated: newest.timeCreated,
      data: newest.data,
      message: newest.message ?? undefined,
      count,
      firstSeen: oldest.timeCreated,
      line: newest.line,
    }));
}

function time(e: EventRecord): number {
  const t = e.timeCreated ? Date.parse(e.timeCreated) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Facts for a summary sentence about a set of events: how many, which ids, the newest time. */
export function eventFacts(events: readonly EventRecord[]): {
  count: number;
  ids: string;
  last: string;
} {
  const ids = [...new Set(events.map((e) => e.eventId))].sort((a, b) => a - b).join(', ');
  const last =
    events
      .map((e) => e.timeCreated ?? '')
      .sort()
      .at(-1) ?? '';
  return { count: events.length, ids, last };
}
