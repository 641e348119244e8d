// Windows event evidence for rule tests: wevtutil RenderedXml text, parsed by the real parser.
import type { Ev } from '../../shared/model';
import { parseEventXml } from '../../shared/parse/event-xml';
import type { EventRecord } from '../../shared/parse/event-xml';
import { NOW_MS, ok } from './snapshot';

export interface EventSpec {
  provider: string;
  id: number;
  level?: number;
  /** Milliseconds before collection. */
  agoMs: number;
  recordId: number;
  channel?: string;
  /** EventData values; a name makes it `<Data Name=…>`. */
  data?: { name?: string; value: string }[];
  message?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

/** One `<Event>` as `wevtutil qe … /f:RenderedXml` writes it (one line). */
export function eventXml(e: EventSpec): string {
  const time = new Date(NOW_MS - e.agoMs).toISOString().replace('Z', '0000Z');
  const data = (e.data ?? [])
    .map((d) =>
      d.name
        ? `<Data Name='${esc(d.name)}'>${esc(d.value)}</Data>`
        : `<Data>${esc(d.value)}</Data>`,
    )
    .join('');
  const message = e.message
    ? `<RenderingInfo Culture='en-US'><Message>${esc(e.message)}</Message></RenderingInfo>`
    : '';
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>` +
    `<Provider Name='${esc(e.provider)}'/><EventID Qualifiers='0'>${e.id}</EventID><Level>${e.level ?? 2}</Level>` +
    `<Task>0</Task><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${time}'/>` +
    `<EventRecordID>${e.recordId}</EventRecordID><Channel>${e.channel ?? 'Application'}</Channel>` +
    `<Computer>NDES01.corp.contoso.com</Computer><Security/></System>` +
    `<EventData>${data}</EventData>${message}</Event>`
  );
}

/** Event log evidence from event specs (one event per line, as wevtutil writes them). */
export function eventLog(specs: EventSpec[], path = 'events/Application.xml'): Ev<EventRecord[]> {
  return ok(parseEventXml(specs.map(eventXml).join('\r\n')).events, path);
}
