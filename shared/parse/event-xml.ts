// Reads `wevtutil qe <channel> /f:RenderedXml` output: `<Event>` elements concatenated with no root
// element (wevtutil without /e:, see the wevtutil docs), so it is parsed as an XML fragment. Rules
// key on provider, event ID and Data; RenderingInfo is localized and kept for display only.
import { ParseError } from './errors';
import { childNamed, localName, walkXml } from './xml-tree';
import type { XmlNode } from './xml-tree';

export interface EventRecord {
  provider: string;
  eventId: number;
  qualifiers: number | null;
  level: number;
  recordId: number | null;
  /** ISO UTC (millisecond precision) from TimeCreated/@SystemTime. */
  timeCreated: string | null;
  channel: string | null;
  computer: string | null;
  userId: string | null;
  /** EventData/Data in order (Name only for named data), or the flattened UserData leaves. */
  data: { name?: string; value: string }[];
  /** RenderingInfo/Message (localized). */
  message: string | null;
  culture: string | null;
  /** 1-based line of `<Event>`; 0 when the record did not come from XML. */
  line: number;
  /** EventData/Binary hex, when present. */
  binary?: string;
}

const MAX_FRACTION = 3;

/** `2023-05-22T14:43:53.1670895Z` -> `2023-05-22T14:43:53.167Z`; null if not a timestamp. */
export function normalizeUtc(raw: string): string | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      raw.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Number((frac ?? '').slice(0, MAX_FRACTION).padEnd(MAX_FRACTION, '0'));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function intOrNull(raw: string | null | undefined): number | null {
  if (raw === undefined || raw === null) return null;
  const t = raw.trim();
  if (!/^-?\d+$|^0x[0-9a-f]+$/i.test(t)) return null;
  return Number(t);
}

function textOf(parent: XmlNode | undefined, name: string): string | null {
  const el = parent ? childNamed(parent, name) : undefined;
  return el ? el.text : null;
}

/** UserData holds one provider-defined element; its leaf elements become name/value pairs. */
function flattenLeaves(el: XmlNode, out: { name?: string; value: string }[]): void {
  for (const c of el.children) {
    if (c.children.length === 0) out.push({ name: localName(c.name), value: c.text });
    else flattenLeaves(c, out);
  }
}

function toRecord(ev: XmlNode, warnings: string[]): EventRecord | null {
  const sys = childNamed(ev, 'System');
  const idEl = sys ? childNamed(sys, 'EventID') : undefined;
  const eventId = intOrNull(idEl?.text);
  if (!sys || eventId === null) {
    warnings.push(`line ${ev.line}: <Event> without a numeric System/EventID, skipped`);
    return null;
  }
  const rawTime = childNamed(sys, 'TimeCreated')?.attrs['SystemTime'];
  const timeCreated = rawTime === undefined ? null : normalizeUtc(rawTime);
  if (rawTime !== undefined && timeCreated === null) {
    warnings.push(`line ${ev.line}: unreadable TimeCreated/@SystemTime`);
  }
  const data: { name?: string; value: string }[] = [];
  let binary: string | undefined;
  const eventData = childNamed(ev, 'EventData');
  if (eventData) {
    for (const d of eventData.children) {
      const n = localName(d.name);
      if (n === 'Data') {
        const name = d.attrs['Name'];
        data.push(name === undefined ? { value: d.text } : { name, value: d.text });
      } else if (n === 'Binary') binary = d.text.trim();
    }
  }
  const userData = childNamed(ev, 'UserData');
  if (userData) flattenLeaves(userData, data);
  const rendering = childNamed(ev, 'RenderingInfo');
  const rec: EventRecord = {
    provider: childNamed(sys, 'Provider')?.attrs['Name'] ?? '',
    eventId,
    qualifiers: intOrNull(idEl?.attrs['Qualifiers']),
    level: intOrNull(textOf(sys, 'Level')) ?? 0,
    recordId: intOrNull(textOf(sys, 'EventRecordID')),
    timeCreated,
    channel: textOf(sys, 'Channel'),
    computer: textOf(sys, 'Computer'),
    userId: childNamed(sys, 'Security')?.attrs['UserID'] ?? null,
    data,
    message: textOf(rendering, 'Message'),
    culture: rendering?.attrs['Culture'] ?? null,
    line: ev.line,
  };
  if (binary !== undefined) rec.binary = binary;
  return rec;
}

/**
 * Parse wevtutil XML / RenderedXml output. Also accepts a file wrapped by `/e:<root>`. On malformed
 * XML the events before the error are kept and a warning names the line; a file with no event
 * before the error throws ParseError. Empty input (an empty channel) gives no events.
 */
export function parseEventXml(text: string): { events: EventRecord[]; warnings: string[] } {
  const events: EventRecord[] = [];
  const warnings: string[] = [];
  if (text.replace(/^\uFEFF/, '').trim() === '') return { events, warnings };
  const onClose = (node: XmlNode, depth: number): boolean => {
    if (localName(node.name) !== 'Event' || depth > 1) return false;
    const rec = toRecord(node, warnings);
    if (rec) events.push(rec);
    return true;
  };
  let leftovers: XmlNode[];
  try {
    leftovers = walkXml(text, { fragment: true, onClose });
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const reason = err.message.replace(/^line \d+: /, '');
    if (events.length === 0) throw new ParseError(`not wevtutil event XML: ${reason}`, err.line);
    warnings.push(`${err.message} (malformed XML; kept the ${events.length} events before it)`);
    return { events, warnings };
  }
  // A childless leftover is an empty `/e:` wrapper; anything else is not event XML.
  for (const el of leftovers.filter((e) => e.children.length > 0)) {
    if (events.length === 0) {
      throw new ParseError(`no <Event> elements (document element <${el.name}>)`, el.line);
    }
    warnings.push(`line ${el.line}: unexpected element <${el.name}> ignored`);
  }
  return { events, warnings };
}
