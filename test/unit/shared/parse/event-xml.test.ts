import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { sample, SAMPLES } from '../../../helpers/paths';
import { parseEventXml, normalizeUtc } from '../../../../shared/parse/event-xml';
import { ParseError } from '../../../../shared/parse/errors';

const text = (rel: string): string => new TextDecoder('utf-8').decode(sample(rel));
const SCM = 'event-xml/aws-cwagent-test-scm7036-renderedxml.xml';
const WER = 'event-xml/elastic-winlogbeat-application-wer-multiline-unnamed-data.xml';
const SEC = 'event-xml/elastic-winlogbeat-ec3and4-security-userid.xml';

const NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";
const LOG_CLEARED =
  `<Event ${NS}><System><Provider Name='Microsoft-Windows-Eventlog' Guid='{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}'/>` +
  `<EventID>1102</EventID><Version>0</Version><Level>4</Level><Task>104</Task><Opcode>0</Opcode>` +
  `<Keywords>0x4020000000000000</Keywords><TimeCreated SystemTime='2024-01-05T10:00:00.1234567Z'/>` +
  `<EventRecordID>5</EventRecordID><Correlation/><Execution ProcessID='1000' ThreadID='2000'/>` +
  `<Channel>Security</Channel><Computer>NDES01.contoso.com</Computer><Security/></System>` +
  `<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>` +
  `<SubjectUserSid>S-1-5-21-1-2-3-500</SubjectUserSid><SubjectUserName>admin</SubjectUserName>` +
  `<SubjectDomainName>CONTOSO</SubjectDomainName><SubjectLogonId>0x3e7</SubjectLogonId>` +
  `</LogFileCleared></UserData></Event>`;
const WAS_PT_BR =
  `<Event ${NS}><System><Provider Name='Microsoft-Windows-WAS' Guid='{524B5D04-133C-4A62-8362-64E8EDB9CE40}' EventSourceName='WAS'/>` +
  `<EventID Qualifiers='32768'>5009</EventID><Version>0</Version><Level>3</Level><Task>0</Task><Opcode>0</Opcode>` +
  `<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2024-03-01T08:15:30.5000000Z'/>` +
  `<EventRecordID>90210</EventRecordID><Correlation/><Execution ProcessID='512' ThreadID='0'/>` +
  `<Channel>System</Channel><Computer>NDES01.contoso.com</Computer><Security/></System>` +
  `<EventData><Data Name='AppPoolID'>SCEP</Data><Data Name='ProcessID'>4242</Data></EventData>` +
  `<RenderingInfo Culture='pt-BR'><Message>Um processo que atende ao pool de aplicativos &apos;SCEP&apos; ` +
  `foi encerrado inesperadamente.&#13;&#10;Identificação: 4242</Message><Level>Aviso</Level><Task></Task>` +
  `<Opcode>Informações</Opcode><Channel></Channel><Provider>Microsoft-Windows-WAS</Provider>` +
  `<Keywords><Keyword>Clássico</Keyword></Keywords></RenderingInfo></Event>`;

describe('parseEventXml on every real sample', () => {
  const dir = path.join(SAMPLES, 'event-xml');
  for (const f of readdirSync(dir)) {
    it(`parses ${f} without warnings`, () => {
      const r = parseEventXml(text(`event-xml/${f}`));
      expect(r.warnings).toEqual([]);
      expect(r.events.length).toBeGreaterThan(0);
      for (const e of r.events) {
        expect(e.eventId).toBeGreaterThan(0);
        expect(e.timeCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
    });
  }

  it('reads the SCM 7036 RenderedXml event: qualifiers, binary, message, culture', () => {
    const { events } = parseEventXml(text(SCM));
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      provider: 'Service Control Manager',
      eventId: 7036,
      qualifiers: 16384,
      level: 4,
      recordId: 64199,
      timeCreated: '2023-05-22T14:43:53.167Z',
      channel: 'System',
      computer: 'EC2AMAZ-25GMQOK',
      userId: null,
      data: [
        { name: 'param1', value: 'AppX Deployment Service (AppXSVC)' },
        { name: 'param2', value: 'running' },
      ],
      message: 'The AppX Deployment Service (AppXSVC) service entered the running state.',
      culture: 'en-US',
      line: 1,
      binary: '41007000700058005300760063002F0034000000',
    });
  });

  it('keeps unnamed and multi-line Data of the WER event in order', () => {
    const { events } = parseEventXml(text(WER));
    const e = events[0];
    expect(e?.provider).toBe('Windows Error Reporting');
    expect(e?.eventId).toBe(1001);
    expect(e?.qualifiers).toBe(0);
    expect(e?.recordId).toBe(420107);
    expect(e?.timeCreated).toBe('2020-02-18T02:52:37.121Z');
    expect(e?.channel).toBe('Application');
    expect(e?.message).toBeNull();
    expect(e?.culture).toBeNull();
    const data = e?.data ?? [];
    expect(data).toHaveLength(23);
    expect(data.every((d) => d.name === undefined)).toBe(true);
    expect(data[2]?.value).toBe('WindowsWcpOtherFailure3');
    expect(data[7]?.value).toBe('Windows::Rtl::AutoHive::Unload');
    const multi = (data[15]?.value ?? '').split(/\r?\n/);
    expect(multi[0]).toBe('');
    expect(multi[1]).toBe('\\\\?\\C:\\Windows\\Logs\\CBS\\CBS.log');
    expect(multi[multi.length - 1]).toBe(
      '\\\\?\\C:\\Windows\\Temp\\WERCAD4.tmp.WERDataCollectionStatus.txt',
    );
    expect(multi).toHaveLength(18);
    expect(data[19]?.value).toBe('5e9de0ad-0fa4-4daa-aec1-8127dc88e6c7');
  });

  it('reads both root-less events with Security/@UserID and their lines', () => {
    const { events } = parseEventXml(text(SEC));
    expect(events.map((e) => [e.provider, e.eventId, e.level, e.recordId, e.line])).toEqual([
      ['Backup', 5, 2, 1414, 1],
      ['system', 5, 2, 1413, 2],
    ]);
    expect(events[0]?.userId).toBe('S-1-5-21-2297499104-2362337018-4092230427-1000');
    expect(events[1]?.data).toEqual([{ value: 'Catastrophe!' }]);
    expect(events[0]?.timeCreated).toBe('2022-03-22T02:03:11.861Z');
  });

  it('gives the line of an event that follows a multi-line event', () => {
    const wer = text(WER);
    const { events } = parseEventXml(wer + text(SCM));
    expect(events.map((e) => e.eventId)).toEqual([1001, 7036]);
    expect(events[1]?.line).toBe(wer.split('\n').length);
    expect(events[1]?.line).toBe(19);
  });
});

describe('parseEventXml synthetic cases', () => {
  it('flattens UserData leaves to name/value pairs', () => {
    const { events, warnings } = parseEventXml(LOG_CLEARED);
    expect(warnings).toEqual([]);
    expect(events[0]?.eventId).toBe(1102);
    expect(events[0]?.qualifiers).toBeNull();
    expect(events[0]?.data).toEqual([
      { name: 'SubjectUserSid', value: 'S-1-5-21-1-2-3-500' },
      { name: 'SubjectUserName', value: 'admin' },
      { name: 'SubjectDomainName', value: 'CONTOSO' },
      { name: 'SubjectLogonId', value: '0x3e7' },
    ]);
  });

  it('keeps a localized RenderingInfo message with escaped CR/LF', () => {
    const { events } = parseEventXml(`\uFEFF${WAS_PT_BR}\r\n${LOG_CLEARED}\r\n`);
    const e = events[0];
    expect(e?.culture).toBe('pt-BR');
    expect(e?.qualifiers).toBe(32768);
    expect(e?.level).toBe(3);
    expect(e?.message).toBe(
      "Um processo que atende ao pool de aplicativos 'SCEP' foi encerrado inesperadamente.\r\nIdentificação: 4242",
    );
    expect(e?.data).toEqual([
      { name: 'AppPoolID', value: 'SCEP' },
      { name: 'ProcessID', value: '4242' },
    ]);
    expect(events[1]?.line).toBe(2);
  });

  it('accepts the /e:Events wrapper with an XML declaration', () => {
    const t = `<?xml version="1.0" encoding="UTF-8"?>\n<Events>\n${WAS_PT_BR}\n${LOG_CLEARED}\n</Events>\n`;
    const { events, warnings } = parseEventXml(t);
    expect(warnings).toEqual([]);
    expect(events.map((e) => [e.eventId, e.line])).toEqual([
      [5009, 3],
      [1102, 4],
    ]);
    expect(parseEventXml('<Events></Events>')).toEqual({ events: [], warnings: [] });
  });

  it('returns no events for an empty channel', () => {
    expect(parseEventXml('')).toEqual({ events: [], warnings: [] });
    expect(parseEventXml('\uFEFF\r\n')).toEqual({ events: [], warnings: [] });
  });

  it('keeps the events before malformed XML and warns with the line', () => {
    const t = `${WAS_PT_BR}\n${LOG_CLEARED}\n<Event ${NS}><System><Provider Name='x'/><EventID>1</Event`;
    const { events, warnings } = parseEventXml(t);
    expect(events.map((e) => e.recordId)).toEqual([90210, 5]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^line 3: .*kept the 2 events/);
  });

  it('warns about an event without EventID and skips it', () => {
    const t = `<Event ${NS}><System><Provider Name='x'/></System></Event>\n${LOG_CLEARED}`;
    const { events, warnings } = parseEventXml(t);
    expect(events.map((e) => e.eventId)).toEqual([1102]);
    expect(warnings).toEqual(['line 1: <Event> without a numeric System/EventID, skipped']);
  });

  it('throws ParseError on non-XML text and binary garbage', () => {
    expect(() => parseEventXml('Event[0]:\r\n  Log Name: Application\r\n')).toThrow(ParseError);
    expect(() => parseEventXml('\u0000\u0001\u0002\u00ff\u0000PK')).toThrow(ParseError);
    expect(() => parseEventXml(`<Event ${NS}><System>`)).toThrow(/unclosed tag/);
    expect(() => parseEventXml('<html><body>nope</body></html>')).toThrow(/no <Event> elements/);
  });

  it('normalizes SystemTime forms to millisecond ISO UTC', () => {
    expect(normalizeUtc('2023-05-22T14:43:53.1670895Z')).toBe('2023-05-22T14:43:53.167Z');
    expect(normalizeUtc('2020-02-18T02:52:37Z')).toBe('2020-02-18T02:52:37.000Z');
    expect(normalizeUtc('2026-08-03T18:34:56.1234567+02:00')).toBe('2026-08-03T16:34:56.123Z');
    expect(normalizeUtc('yesterday')).toBeNull();
  });
});
