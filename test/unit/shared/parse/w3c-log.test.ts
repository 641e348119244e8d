import { describe, it, expect } from 'vitest';
import {
  IIS_DEFAULT_FIELDS,
  W3cLineParser,
  ColumnCursor,
  queryParam,
  w3cTime,
  w3cUint,
  w3cValue,
} from '../../../../shared/parse/w3c-log';
import {
  ByteFinder,
  queryParamSpan,
  textAt,
  w3cTimeAt,
  w3cUintAt,
} from '../../../../shared/parse/w3c-values';
import type { Span } from '../../../../shared/parse/w3c-values';
import { sample } from '../../../helpers/paths';

const DIR = 'iis-w3c-logs/';

/** Lines split on LF only, so CRLF files hand their `\r` to the parser. */
function sampleLines(name: string): string[] {
  const lines = new TextDecoder().decode(sample(DIR + name)).split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Feeds a whole sample; returns the parser and its data rows. */
function parseSample(name: string, defaults?: string[]): { p: W3cLineParser; rows: string[][] } {
  const p = new W3cLineParser(defaults);
  const rows: string[][] = [];
  for (const line of sampleLines(name)) {
    const v = p.push(line);
    if (v !== null) rows.push(v);
  }
  return { p, rows };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

describe('W3cLineParser on the real samples', () => {
  it('IIS 7.0 CRLF file with s-sitename and repeated header blocks', () => {
    const { p, rows } = parseSample('brianary-u_ex100815-iis70-crlf-sitename.log');
    expect(rows).toHaveLength(16);
    expect(p.software).toBe('Microsoft Internet Information Services 7.0');
    expect(p.fields.names).toHaveLength(17);
    expect(p.fields.index.get('s-sitename')).toBe(2);
    expect(p.fieldsVersion).toBe(1); // ten identical #Fields lines: one layout
    const first = rows[0] ?? [];
    expect(p.value(first, 's-sitename')).toBe('W3SVC20');
    expect(p.value(first, 'sc-bytes')).toBe('8999');
    // CR is stripped: the last value is a clean number.
    expect(p.value(first, 'time-taken')).toBe('376');
    // "; +http" was logged as ";++http": a literal + cannot be told from a space (AF §1).
    expect(w3cValue(p.value(first, 'cs(user-agent)'), 'cs(User-Agent)')).toBe(
      'Mozilla/5.0 (compatible; YandexBot/3.0;  http://yandex.com/bots)',
    );
    expect(p.warnings).toEqual([]);
  });

  it('entry earlier than its #Date header (u_ex100815 04:43:55 under #Date 04:43:56)', () => {
    const p = new W3cLineParser();
    const lines = sampleLines('brianary-u_ex100815-iis70-crlf-sitename.log');
    let found: string[] | null = null;
    for (const line of lines) {
      const v = p.push(line);
      if (v !== null && p.value(v, 'time') === '04:43:55') found = v;
      if (found) break;
    }
    expect(p.directiveDate).toBe('2010-08-15 04:43:56');
    expect(iso(p.timeOf(found ?? []))).toBe('2010-08-15T04:43:55.000Z');
  });

  it('IIS 8.5 default layout with about 25 repeated header blocks', () => {
    const { p, rows } = parseSample('brianary-u_ex160110-iis85-repeated-headers.log');
    expect(rows).toHaveLength(28);
    expect(p.fields.names).toEqual(IIS_DEFAULT_FIELDS);
    expect(p.fieldsVersion).toBe(1);
    const last = rows.at(-1) ?? [];
    expect(p.value(last, 'cs-uri-stem')).toBe('/httptest.php');
    expect(p.value(last, 'c-ip')).toBe('188.68.224.62');
    expect(w3cValue(p.value(last, 'cs(user-agent)'))).toBeNull();
    expect(iso(p.timeOf(last))).toBe('2016-01-10T22:17:53.000Z');
    expect(p.directiveDate).toBe('2016-01-10 22:17:53');
  });

  it('LogParser doc sample: date-only layout and a row missing its last value', () => {
    const { p, rows } = parseSample('brianary-ex031118-logparser-doc-missing-field.log');
    expect(p.software).toBe('Microsoft Internet Information Services 5.0');
    expect(p.fields.names).toEqual(['date', 'c-ip', 'cs-uri-stem', 'cs-bytes']);
    expect(rows.map((r) => r.length)).toEqual([4, 4, 3, 4]);
    expect(rows[2]).toEqual(['2003-11-18', '192.168.1.102', '/images/address.gif']);
    expect(p.mismatchedRows).toBe(1);
    expect(p.warnings).toEqual(['line 7: 3 values but #Fields names 4 (row kept)']);
    // No time column: the row is placed at the start of its day.
    expect(iso(p.timeOf(rows[0] ?? []))).toBe('2003-11-18T00:00:00.000Z');
  });

  it('fields change mid-file (15 -> 19 -> 22 columns) and are re-mapped each time', () => {
    const p = new W3cLineParser();
    const seen: { n: number; host?: string; ua?: string; status?: string }[] = [];
    for (const line of sampleLines('elastic-beats-test-fields-change-midfile.log')) {
      const v = p.push(line);
      if (v === null) continue;
      seen.push({
        n: p.fields.names.length,
        host: p.value(v, 'cs-host'),
        ua: p.value(v, 'cs(user-agent)'),
        status: p.value(v, 'sc-status'),
      });
    }
    expect(p.fieldsVersion).toBe(3);
    expect(seen.map((s) => s.n)).toEqual([15, 19, 22, 22, 22]);
    expect(seen[0]).toMatchObject({ host: undefined, status: '200' });
    expect(seen[1]).toMatchObject({ host: 'example.com', status: '200' });
    expect(seen[2]?.ua).toContain('Chrome/70.0.3538.102');
    expect(seen[2]?.host).toBe('example.com');
    // The last two rows (appended 15-value rows) do not fit the 22-field layout: kept and flagged.
    expect(p.mismatchedRows).toBe(2);
    expect(p.warnings[0]).toBe('line 16: 15 values but #Fields names 22 (row kept)');
  });

  it('keeps the raw cs-uri-query of the Struts probe row (not decoded)', () => {
    const { p, rows } = parseSample('elastic-beats-test-fields-change-midfile.log');
    // Row 4 is a 15-value row read with the 22-field layout: value 5 is still its query.
    expect(rows[3]?.[5]).toMatch(/^redirect:\$\{%23req%3d%23context\.get/);
    expect(p.software).toBe('Microsoft Internet Information Services 10.0');
  });

  it('IPv6 with a numeric zone id (::1%0) in s-ip and c-ip', () => {
    const { p, rows } = parseSample('elastic-beats-test-ipv6zone.log');
    expect(rows).toHaveLength(1);
    const r = rows[0] ?? [];
    expect(p.value(r, 's-ip')).toBe('::1%0');
    expect(p.value(r, 'c-ip')).toBe('::1%0');
    expect(p.value(r, 'cs-version')).toBe('HTTP/1.1');
    expect(p.value(r, 's-computername')).toBe('MACHINE-NAME');
  });

  it('headerless IIS 10 rows with XFF columns and fe80::…%3 (no final newline)', () => {
    const { p, rows } = parseSample('elastic-integrations-test-iis10-access-ipv6zone-xff.log');
    expect(p.software).toBeNull();
    expect(p.fields.names).toEqual(IIS_DEFAULT_FIELDS);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.length)).toEqual([16, 16, 16, 18, 18, 18, 18, 18]);
    const exch = rows[4] ?? [];
    expect(exch[3]).toBe('fe80::d9e3:e981:da2d:427b%3');
    expect(exch[9]).toBe('fe80::d9e3:e981:da2d:427b%3');
    expect(exch[16]).toBe('10.0.61.69,10.93.4.75');
    expect(iso(p.timeOf(rows.at(-1) ?? []))).toBe('2026-02-18T00:53:38.000Z');
    expect(p.mismatchedRows).toBe(8);
  });

  it('headerless ops-agent input: old default and the 2026 default with sc-bytes cs-bytes', () => {
    const { p, rows } = parseSample('google-opsagent-iis-input-old-and-2026-default.log');
    expect(rows.map((r) => r.length)).toEqual([15, 15, 15, 17]);
    const old = rows[2] ?? [];
    expect(p.value(old, 'cs-uri-stem')).toBe('/favicon.ico');
    expect(p.value(old, 'sc-win32-status')).toBe('2');
    expect(p.value(old, 'time-taken')).toBe('49');
    // Status columns sit before the added bytes columns, so they still map in the 17-value row.
    const next = rows[3] ?? [];
    expect(p.value(next, 'sc-status')).toBe('404');
    expect(next.slice(-3)).toEqual(['5035', '184', '189']);
    expect(p.warnings).toEqual(['line 4: 17 values but #Fields names 15 (row kept)']);
  });

  it('directives without #Fields fall back to the default layout; trailing blank dropped', () => {
    const { p, rows } = parseSample('google-opsagent-iis_access-input-no-fields-directive.log');
    expect(p.software).toBe('Microsoft Internet Information Services 10.0');
    expect(p.directiveDate).toBe('2022-04-11 12:53:50');
    expect(rows).toHaveLength(4);
    expect(rows[2]?.at(-1)).toBe('49'); // the row ends in "49 "
    expect(p.value(rows[3] ?? [], 'cs-uri-query')).toBe('something=something');
    expect(w3cValue(p.value(rows[0] ?? [], 'cs(referer)'))).toBe('http://localhost/');
    expect(p.mismatchedRows).toBe(0);
  });

  it('HTTPERR (Microsoft HTTP API 2.0) with the extended 2016+ fields', () => {
    const { p, rows } = parseSample('plaso-httperr-iis10-extended-fields.log');
    expect(p.software).toBe('Microsoft HTTP API 2.0');
    expect(p.fields.names).toHaveLength(18);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => p.value(r, 's-reason'))).toEqual([
      'Hostname',
      'Version_N/S',
      'Verb',
      'URL_Length',
      'Header',
    ]);
    expect(p.value(rows[0] ?? [], 'cs-uri')).toBe("/test'XOR(1)*!");
    expect(p.value(rows[3] ?? [], 'sc-status')).toBe('414');
  });

  it('IPv6 zone ids (%3, %eth0, %2) and double-space damage repaired', () => {
    const { p, rows } = parseSample('plaso-iis_ipv6_zone.log');
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.length)).toEqual([15, 15, 15]);
    expect(p.value(rows[0] ?? [], 's-ip')).toBe('fe80::1ff:fe23:4567:890a%3');
    expect(p.value(rows[0] ?? [], 'cs-username')).toBe('random\\ranuser1');
    expect(p.value(rows[1] ?? [], 'c-ip')).toBe('fe80::abcd:ef01:2345:6789%eth0');
    expect(p.value(rows[2] ?? [], 's-ip')).toBe('2001:db8::1%2');
    expect(p.value(rows[2] ?? [], 'sc-status')).toBe('404');
    expect(p.mismatchedRows).toBe(0);
    expect(p.warnings).toEqual([
      'line 5: double spaces, empty values dropped',
      'line 6: double spaces, empty values dropped',
      'line 7: double spaces, empty values dropped',
    ]);
  });

  it('IIS 6 layout without a date column takes the day from #Date', () => {
    const { p, rows } = parseSample('plaso-iis_without_date-fields-without-date.log');
    expect(p.software).toBe('Microsoft Internet Information Services 6.0');
    expect(p.fields.names[0]).toBe('time');
    expect(p.fields.names).toHaveLength(14); // trailing space after sc-win32-status ignored
    expect(rows).toHaveLength(11);
    expect(iso(p.timeOf(rows[0] ?? []))).toBe('2013-07-30T00:00:00.000Z');
    expect(iso(p.timeOf(rows.at(-1) ?? []))).toBe('2013-07-30T00:00:13.000Z');
    expect(p.value(rows.at(-1) ?? [], 'cs-method')).toBe('POST');
    expect(p.value(rows[4] ?? [], 'cs(user-agent)')).toBe('CFSCHEDULE');
    expect(p.mismatchedRows).toBe(0);
  });

  it('a complete Microsoft doc row (iOS GetCACert 500 0 1346) fits the default layout', () => {
    const line = sampleLines('msdocs-ndes-iis-log-excerpts.txt').find((l) =>
      l.startsWith('2017-08-08'),
    );
    const p = new W3cLineParser();
    const v = p.push(line ?? '') ?? [];
    expect(v).toHaveLength(15);
    expect(p.value(v, 'cs-uri-query')).toBe('operation=GetCACert&message=SCEP%20Authority');
    expect(p.value(v, 'cs(user-agent)')).toBe('profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0');
    expect(w3cUint(p.value(v, 'sc-win32-status'))).toBe(1346);
    expect(iso(p.timeOf(v))).toBe('2017-08-08T20:22:16.000Z');
  });
});

describe('W3cLineParser edge cases', () => {
  it('skips and counts binary garbage, NULs and BOMs', () => {
    const p = new W3cLineParser();
    expect(p.push('\u0000\u0000\u0000\u0000')).toBeNull();
    expect(p.push('\u0001\u0002PK\u0003\u0004 junk')).toBeNull();
    expect(p.push('2024-01-01 00:00:00 \uFFFD\uFFFD\uFFFD')).toBeNull();
    const ok = '2024-01-01 00:00:01 10.0.0.1 GET / - 443 - 10.0.0.2 curl/8 - 200 0 0 1';
    expect(p.push(`${ok}\u0000`)).toBeNull();
    expect(p.push(`\uFEFF${ok}\r`)).toHaveLength(15);
    expect(p.garbageLines).toBe(4);
    expect(p.warnings[0]).toBe('line 1: binary garbage, line skipped');
  });

  it('returns null for blank lines and directives; unknown directives are ignored', () => {
    const p = new W3cLineParser();
    expect(p.push('')).toBeNull();
    expect(p.push('   \r')).toBeNull();
    expect(p.push('#Remark: anything')).toBeNull();
    expect(p.push('#Fields:')).toBeNull();
    expect(p.fields.names).toEqual(IIS_DEFAULT_FIELDS);
    expect(p.warnings).toEqual(['line 4: empty #Fields, layout unchanged']);
  });

  it('caps warnings at 20 plus one count line', () => {
    const p = new W3cLineParser(['date', 'time']);
    for (let i = 0; i < 35; i++) p.push('2024-01-01 00:00:00 extra');
    expect(p.warnings).toHaveLength(21);
    expect(p.warnings[20]).toBe('15 more warning(s) not shown');
    expect(p.mismatchedRows).toBe(35);
  });

  it('uses caller line numbers in warnings', () => {
    const p = new W3cLineParser(['date', 'time']);
    p.push('2024-01-01 00:00:00 extra', 812);
    expect(p.warnings).toEqual(['line 812: 3 values but #Fields names 2 (row kept)']);
  });
});

describe('value helpers', () => {
  it('w3cValue: `-` is null, + is a space only in header fields and cs-username', () => {
    expect(w3cValue('-')).toBeNull();
    expect(w3cValue(undefined)).toBeNull();
    expect(w3cValue('Mozilla/4.0+(compatible;+Win32;+NDES+client)', 'cs(User-Agent)')).toBe(
      'Mozilla/4.0 (compatible; Win32; NDES client)',
    );
    expect(w3cValue('CONTOSO\\svc+ndes', 'cs-username')).toBe('CONTOSO\\svc ndes');
    // Base64 in the SCEP message keeps its + and /.
    expect(w3cValue('operation=PKIOperation&message=MIIL+ab/Q==', 'cs-uri-query')).toBe(
      'operation=PKIOperation&message=MIIL+ab/Q==',
    );
    expect(w3cValue('a+b')).toBe('a+b');
  });

  it('w3cTime parses UTC and rejects junk', () => {
    expect(w3cTime('2026-11-20', '09:14:03')).toBe(Date.UTC(2026, 10, 20, 9, 14, 3));
    expect(w3cTime('2026-11-20', '09:14:03.250')).toBe(Date.UTC(2026, 10, 20, 9, 14, 3, 250));
    expect(w3cTime('2023-02-30', '00:00:00')).toBeNull();
    expect(w3cTime('2023-13-01', '00:00:00')).toBeNull();
    expect(w3cTime('*DateTime*', '00:00:00')).toBeNull();
    expect(w3cTime('2023-01-01', '24:00:00')).toBeNull();
    expect(w3cTime('2023-01-01', 'IP_address')).toBeNull();
    expect(w3cTime(undefined, '00:00:00')).toBeNull();
    expect(w3cTime('2023-01-01', undefined)).toBeNull();
  });

  it('w3cUint keeps sc-win32-status above 2^31 exact', () => {
    expect(w3cUint('2148204809')).toBe(2148204809);
    expect(w3cUint('4294967295')).toBe(4294967295);
    expect(w3cUint('-')).toBe(-1);
    expect(w3cUint('12a')).toBe(-1);
    expect(w3cUint(undefined)).toBe(-1);
  });

  it('ColumnCursor reads columns lazily and counts values like split', () => {
    const cur = new ColumnCursor();
    cur.reset('a bb c  d');
    expect(cur.get(1)).toBe('bb');
    expect(cur.get(0)).toBe('a');
    expect(cur.get(3)).toBe('');
    expect(cur.get(4)).toBe('d');
    expect(cur.get(5)).toBeUndefined();
    expect(cur.get(-1)).toBeUndefined();
    expect(cur.count()).toBe('a bb c  d'.split(' ').length);
    cur.reset('single');
    expect(cur.count()).toBe(1);
    expect(cur.get(0)).toBe('single');
    cur.reset(`${'x '.repeat(200)}end`);
    expect(cur.count()).toBe(201);
    expect(cur.get(126)).toBe('x');
    expect(cur.get(127)).toBeUndefined(); // beyond the columns a cursor keeps
  });

  it('queryParam finds keys without case and does not decode', () => {
    const q = 'Operation=GetCACert&message=SCEP%20Authority';
    expect(queryParam(q, 'operation')).toBe('GetCACert');
    expect(queryParam(q, 'MESSAGE')).toBe('SCEP%20Authority');
    expect(queryParam(q, 'op')).toBeNull();
    expect(queryParam('message=x&operation=PKIOperation', 'operation')).toBe('PKIOperation');
    expect(queryParam(null, 'operation')).toBeNull();
    expect(queryParam('operation=', 'operation')).toBe('');
  });
});

const utf8 = (t: string) => new TextEncoder().encode(t);

describe('rows read as UTF-8 bytes', () => {
  it('pushAt on bytes cleans and classifies lines as on text, decoding only directives', () => {
    const lines = [
      '#Fields: date time cs-uri-stem cs(User-Agent)',
      '\uFEFF2024-01-01 00:00:01 /é Agent+é \t\r',
      '2024-01-01 00:00:02 /x Mozilla/5.0+(X11)   ',
      '\uFEFF',
      '  ',
      '\u0000\u0001 junk',
      '2024-01-01 00:00:03 /x ok\u0000',
      'é'.repeat(10) + '\u0007', // a control character as the 11th character, the 21st byte
      'é'.repeat(23) + '\uFFFD', // U+FFFD as the 24th character
      'é'.repeat(24) + '\uFFFD', // past the prefix: kept
    ];
    const text = new W3cLineParser();
    const bytes = new W3cLineParser();
    const rows: (string | null)[] = [];
    lines.forEach((l, i) => {
      const b = utf8(`..${l}..`);
      const ok = bytes.pushAt(b, 2, b.length - 2, i + 1);
      rows.push(ok ? textAt(b, bytes.rowStart, bytes.rowEnd) : null);
      expect(rows[i]).toBe(text.pushRaw(l, i + 1));
    });
    expect(rows.filter((r) => r !== null)).toEqual([
      '2024-01-01 00:00:01 /é Agent+é',
      '2024-01-01 00:00:02 /x Mozilla/5.0+(X11)',
      'é'.repeat(24) + '\uFFFD',
    ]);
    expect(bytes.garbageLines).toBe(4);
    expect(bytes.warnings).toEqual(text.warnings);
    expect(bytes.fields.names).toEqual(['date', 'time', 'cs-uri-stem', 'cs(user-agent)']);
  });

  it('ColumnCursor reads a row in place in a larger buffer', () => {
    const b = utf8(
      `junk|2026-11-19 10:00:00 ::1%0 GET /é ${'q'.repeat(5000)} 443 - Ünï+Agent 2148204809|junk`,
    );
    const cur = new ColumnCursor();
    cur.reset(b, 5, b.length - 5);
    const span: Span = { start: 0, end: 0 };
    expect(cur.get(2)).toBe('::1%0');
    expect(cur.get(4)).toBe('/é');
    expect(cur.get(7)).toBe('-');
    expect(cur.get(8)).toBe('Ünï+Agent');
    expect(cur.span(9, span) && w3cUintAt(b, span.start, span.end)).toBe(2148204809);
    expect(cur.span(0, span) && cur.span(1, { start: 0, end: 0 })).toBe(true);
    expect(w3cTimeAt(b, span.start, span.end, b, span.end + 1, span.end + 9)).toBe(
      Date.UTC(2026, 10, 19, 10),
    );
    expect(cur.count()).toBe(10);
    expect(cur.get(10)).toBeUndefined();
  });

  it('ByteFinder scans a buffer once for many rows, and forgets it when told', () => {
    const buf = new Uint8Array(utf8(`${'a'.repeat(100)}\n${'b'.repeat(100)} x\n`));
    const f = new ByteFinder(32);
    expect(f.find(buf, 0, 100)).toBe(-1); // searched past the row, found the next row's space
    expect(f.find(buf, 101, buf.length)).toBe(201);
    buf[50] = 32; // the bytes change (a reused read buffer) …
    f.forget(); // … and the finder is told so
    expect(f.find(buf, 0, 100)).toBe(50);
    expect(f.find('a b', 0, 3)).toBe(1);
    // A large buffer is searched a window at a time, not to its end for every row.
    const big = new Uint8Array(300_000).fill(0x61);
    big[150_000] = 32;
    expect(f.find(big, 0, 1000)).toBe(-1);
    expect(f.find(big, 1000, 2000)).toBe(-1);
    expect(f.find(big, 100_000, 140_000)).toBe(-1);
    expect(f.find(big, 140_000, 200_000)).toBe(150_000);
    expect(f.find(big, 150_001, 300_000)).toBe(-1);
  });

  it('queryParamSpan finds keys without case in bytes, bounded by the query', () => {
    const b = utf8(`x Operation=GetCACert&message=${'M'.repeat(100)} operation=PKIOperation`);
    const out: Span = { start: 0, end: 0 };
    const end = b.indexOf(32, 2);
    expect(queryParamSpan(b, 2, end, 'operation', out)).toBe(true);
    expect(textAt(b, out.start, out.end)).toBe('GetCACert');
    expect(queryParamSpan(b, 2, end, 'message', out) && out.end - out.start).toBe(100);
    expect(queryParamSpan(b, 2, 11, 'operation', out)).toBe(false);
    expect(w3cTimeAt(utf8('2026-11-19'), 0, 10, '00:00:00.5', 0, 10)).toBe(
      Date.UTC(2026, 10, 19, 0, 0, 0, 500),
    );
  });
});
