import { describe, it, expect } from 'vitest';
import { IisLogAccumulator, ndesPath } from '../../../../shared/parse/iis-log-summary';
import type { IisLogSummary, RequestGroup } from '../../../../shared/parse/iis-log-summary';
import { sample } from '../../../helpers/paths';

const COLLECTED_AT = '2026-11-20T09:14:03Z';
const FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const IOS = 'profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0';
const ANDROID = 'Dalvik/2.1.0+(Linux;+U;+Android+5.0;+P01M+Build/LRX21V)';

/** A default-layout row. */
function row(
  when: string,
  method: string,
  stem: string,
  query: string,
  ua: string,
  status: string,
): string {
  const [date, time] = when.split(' ');
  return `${date} ${time} 10.0.0.5 ${method} ${stem} ${query} 443 - 10.0.0.9 ${ua} - ${status} 31`;
}

function run(files: Record<string, string[]>, collectedAt = COLLECTED_AT): IisLogSummary {
  const acc = new IisLogAccumulator({ collectedAt });
  for (const [path, lines] of Object.entries(files)) {
    acc.startFile(path);
    lines.forEach((l, i) => acc.line(l, i + 1));
    acc.endFile();
  }
  return acc.result();
}

const brief = (g: RequestGroup): string =>
  `${g.path} ${g.method} ${g.operation || '(none)'} ${g.status}.${g.substatus}.${g.win32} ${g.platform} x${g.count}`;

describe('ndesPath', () => {
  it.each([
    ['/certsrv/mscep/mscep.dll', 'mscep'],
    ['/CertSrv/mscep/mscep.dll/pkiclient.exe', 'mscep'],
    ['/certsrv/mscep/', 'mscep'],
    ['/certsrv/mscep_admin/', null],
    ['/certsrv/mscep', null],
    ['/CertificateRegistrationSvc/Certificate/VerifyRequest', 'crp-verify'],
    ['/certificateregistrationsvc/certificate/notify', 'crp-notify'],
    ['/CertificateRegistrationSvc/', 'crp-other'],
    ['/', null],
  ])('%s -> %s', (stem, expected) => {
    expect(ndesPath(stem)).toBe(expected);
  });
});

describe('IisLogAccumulator on synthetic lines', () => {
  const lines = [
    '#Software: Microsoft Internet Information Services 10.0',
    FIELDS,
    // 14-day window edges: from 2026-11-06T09:14:03Z to collectedAt, both included
    row(
      '2026-11-06 09:14:02',
      'GET',
      '/certsrv/mscep/mscep.dll',
      'operation=GetCACert&message=x',
      IOS,
      '200 0 0',
    ),
    row(
      '2026-11-06 09:14:03',
      'GET',
      '/certsrv/mscep/mscep.dll',
      'operation=GetCACert&message=x',
      IOS,
      '200 0 0',
    ),
    row(
      '2026-11-20 09:14:03',
      'GET',
      '/certsrv/mscep/mscep.dll',
      'operation=GetCACert&message=x',
      IOS,
      '200 0 0',
    ),
    row(
      '2026-11-20 09:14:04',
      'GET',
      '/certsrv/mscep/mscep.dll',
      'operation=GetCACert&message=x',
      IOS,
      '200 0 0',
    ),
    // probe: 15 minutes before collectedAt is in, one second earlier is ordinary traffic
    row(
      '2026-11-20 08:59:03',
      'GET',
      '/certsrv/mscep/mscep.dll',
      'operation=GetCACaps&message=x',
      'NDES-Doctor-Probe/1',
      '200 0 0',
    ),
    row(
      '2026-11-20 09:10:00',
      'GET',
      '/certsrv/mscep/mscep.dll',
      '-',
      'NDES-Doctor-Probe/1',
      '403 0 0',
    ),
    row(
      '2026-11-20 08:59:02',
      'GET',
      '/certsrv/mscep/mscep.dll',
      'operation=GetCACaps&message=x',
      'NDES-Doctor-Probe/1',
      '200 0 0',
    ),
    // garbage
    '\u0000\u0000\u0000\u0000\u0000\u0000',
    '\u0007\u0013binary\u0001 stuff',
    // impersonation 500 and a CRP 403.16 with win32 above 2^31
    row(
      '2026-11-19 10:00:00',
      'GET',
      '/CertSrv/mscep/mscep.dll',
      'Operation=getcacert&message=SCEP%20Authority',
      IOS,
      '500 0 1346',
    ),
    row(
      '2026-11-19 10:00:05',
      'GET',
      '/CertSrv/mscep/mscep.dll',
      'Operation=getcacert&message=SCEP%20Authority',
      IOS,
      '500 0 1346',
    ),
    row(
      '2026-11-19 11:00:00',
      'POST',
      '/CertificateRegistrationSvc/Certificate/VerifyRequest',
      '-',
      'NDES_Plugin',
      '403 16 2148204809',
    ),
    row(
      '2026-11-19 11:00:01',
      'POST',
      '/CertificateRegistrationSvc/Certificate/Notify',
      '-',
      'NDES_Plugin',
      '500 0 0',
    ),
    // other paths only count
    row('2026-11-19 12:00:00', 'GET', '/', '-', 'Mozilla/5.0', '200 0 0'),
    row('2026-11-19 12:00:00', 'GET', '/certsrv/mscep_admin/', '-', 'Mozilla/5.0', '401 2 5'),
    // a row without a usable time
    'not-a-date 10:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll - 443 - 10.0.0.9 x - 200 0 0 1',
  ];
  const s = run({ 'iis/logs/W3SVC1/u_ex261120.log': lines });

  it('puts the window edges and the probe exclusion where CHECKS.md §3.0 says', () => {
    expect(s.window).toEqual({ from: '2026-11-06T09:14:03.000Z', to: '2026-11-20T09:14:03.000Z' });
    expect(s.outsideWindow).toBe(2); // 09:14:02 on day 1 and one second after collectedAt
    expect(s.probeExcluded).toBe(2);
    expect(s.otherRecords).toBe(2);
  });

  it('groups by path, method, operation, status, substatus, win32 and platform', () => {
    expect(s.groups.map(brief)).toEqual([
      'mscep GET GetCACert 200.0.0 ios x2',
      'mscep GET GetCACert 500.0.1346 ios x2',
      'mscep GET GetCACaps 200.0.0 other x1',
      'crp-verify POST (none) 403.16.2148204809 policy-module x1',
      'crp-notify POST (none) 500.0.0 policy-module x1',
    ]);
    const imp = s.groups[1];
    expect(imp?.first).toBe('2026-11-19T10:00:00.000Z');
    expect(imp?.last).toBe('2026-11-19T10:00:05.000Z');
    expect(imp?.samples.map((x) => x.line)).toEqual([12, 13]);
    expect(imp?.samples[0]?.file).toBe('iis/logs/W3SVC1/u_ex261120.log');
    expect(s.groups[3]?.win32).toBe(2148204809);
  });

  it('records per-file counts, time range and garbage', () => {
    expect(s.files).toHaveLength(1);
    const f = s.files[0];
    expect(f).toMatchObject({
      path: 'iis/logs/W3SVC1/u_ex261120.log',
      lines: 18,
      records: 13,
      inWindow: 11,
      garbageLines: 3,
      firstTime: '2026-11-06T09:14:02.000Z',
      lastTime: '2026-11-20T09:14:04.000Z',
    });
    expect(f?.warnings).toEqual([
      'line 10: binary garbage, line skipped',
      'line 11: binary garbage, line skipped',
      'line 18: no usable date/time, row skipped',
    ]);
  });
});

describe('IisLogAccumulator samples', () => {
  it('keeps the first three and the last row of a group, text capped at 2000', () => {
    const long = `operation=PKIOperation&message=${'A'.repeat(5000)}`;
    const lines = Array.from({ length: 10 }, (_, i) =>
      row(`2026-11-19 10:00:0${i}`, 'GET', '/certsrv/mscep/mscep.dll', long, ANDROID, '200 0 0'),
    );
    const s = run({ a: lines.slice(0, 6), b: lines.slice(6) });
    expect(s.groups).toHaveLength(1);
    const g = s.groups[0];
    expect(g?.count).toBe(10);
    expect(g?.samples.map((x) => `${x.file}:${x.line}`)).toEqual(['a:1', 'a:2', 'a:3', 'b:4']);
    expect(g?.samples.every((x) => x.text.length === 2000)).toBe(true);
    expect(g?.operation).toBe('PKIOperation');
    expect(g?.platform).toBe('android');
    expect(s.files.map((f) => f.records)).toEqual([6, 4]);
  });

  it('picks samples by time, not by the order files are fed (bundles list newest first)', () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      row(`2026-11-19 10:00:0${i}`, 'GET', '/certsrv/mscep/mscep.dll', '-', IOS, '403 0 0'),
    );
    const s = run({ newer: lines.slice(5), older: lines.slice(0, 5) });
    const g = s.groups[0];
    expect(g?.samples.map((x) => `${x.file}:${x.line}`)).toEqual([
      'older:1',
      'older:2',
      'older:3',
      'newer:5',
    ]);
    expect([g?.first, g?.last]).toEqual(['2026-11-19T10:00:00.000Z', '2026-11-19T10:00:09.000Z']);
    expect(g?.operation).toBe('');
    // Two rows only: no duplicate of the latest among the samples.
    const two = run({ f: lines.slice(0, 2) }).groups[0];
    expect(two?.samples.map((x) => x.line)).toEqual([1, 2]);
  });

  it('re-maps columns when #Fields changes mid-file', () => {
    const wide =
      '#Fields: date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken';
    const s = run({
      f: [
        FIELDS,
        row(
          '2026-11-19 10:00:00',
          'GET',
          '/certsrv/mscep/mscep.dll',
          'operation=GetCACaps&message=ca',
          ANDROID,
          '200 0 0',
        ),
        wide,
        `2026-11-19 10:00:01 W3SVC1 NDES01 fe80::1%13 GET /certsrv/mscep/mscep.dll operation=GetCACaps&message=ca 443 - fe80::1%13 HTTP/1.1 ${ANDROID} - - ndes.contoso.com 200 0 0 421 300 15`,
      ],
    });
    expect(s.groups.map(brief)).toEqual(['mscep GET GetCACaps 200.0.0 android x2']);
    expect(s.files[0]?.warnings).toEqual([]);
  });

  it('flags grouped rows whose value count is off, repairing double spaces', () => {
    const s = run({
      f: [
        // Double space before cs-username (damage seen in public samples): repaired, flagged.
        '2026-11-19 10:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll operation=GetCACert&message=ca 443  CONTOSO\\dev 10.0.0.9 Dalvik/2.1.0 - 500 0 1346 31',
        // Headerless 2026 default (sc-bytes cs-bytes before time-taken): status columns still map.
        '2026-11-19 10:00:01 10.0.0.5 GET /certsrv/mscep/mscep.dll operation=GetCACert&message=ca 443 - 10.0.0.9 Dalvik/2.1.0 - 500 0 1346 5035 184 31',
        // Column counts of rows on other paths are not checked (only their time is read).
        '2026-11-19 10:00:02 10.0.0.5 GET / - 443 - 10.0.0.9 curl/8 - 200 0 0 1 extra',
      ],
    });
    expect(s.groups.map(brief)).toEqual(['mscep GET GetCACert 500.0.1346 android x2']);
    expect(s.groups[0]?.samples[0]?.text).toContain('443  CONTOSO\\dev');
    expect(s.files[0]?.warnings).toEqual([
      'line 1: double spaces, empty values dropped',
      'line 2: 17 values but #Fields names 15 (row kept)',
    ]);
    expect(s.otherRecords).toBe(1);
  });

  it('reads a real IIS 8.5 log: every row is outside the window or on another path', () => {
    const text = new TextDecoder().decode(
      sample('iis-w3c-logs/brianary-u_ex160110-iis85-repeated-headers.log'),
    );
    const lines = text.split('\n');
    const s = run({ u_ex160110: lines }, '2016-01-11T00:00:00Z');
    expect(s.groups).toEqual([]);
    expect(s.otherRecords).toBe(28);
    expect(s.files[0]).toMatchObject({
      records: 28,
      inWindow: 28,
      firstTime: '2016-01-10T00:07:26.000Z',
      lastTime: '2016-01-10T22:17:53.000Z',
    });
    expect(run({ u_ex160110: lines }, '2026-11-20T00:00:00Z').outsideWindow).toBe(28);
  });

  it('reports empty, header-only and all-garbage files without failing', () => {
    const s = run({
      'empty.log': [''],
      'headers.log': ['#Software: Microsoft Internet Information Services 10.0', FIELDS],
      'binary.log': ['PK\u0003\u0004\u0000\u0000junk', '\u0000'.repeat(5000)],
    });
    expect(s.files.map((f) => [f.path, f.lines, f.records, f.garbageLines, f.firstTime])).toEqual([
      ['empty.log', 1, 0, 0, null],
      ['headers.log', 2, 0, 0, null],
      ['binary.log', 2, 0, 2, null],
    ]);
    expect(s.files[0]?.warnings).toEqual(['no data rows']);
    expect(s.files[2]?.warnings).toEqual([
      'line 1: binary garbage, line skipped',
      'line 2: binary garbage, line skipped',
      'no data rows',
    ]);
    expect(s.groups).toEqual([]);
  });

  it('throws on a bad collectedAt and when fed before startFile', () => {
    expect(() => new IisLogAccumulator({ collectedAt: 'yesterday' })).toThrow(/collectedAt/);
    const acc = new IisLogAccumulator({ collectedAt: COLLECTED_AT });
    expect(() => acc.line('x', 1)).toThrow(/startFile/);
  });
});

/**
 * `msdocs-ndes-iis-log-excerpts.txt` is made of Microsoft doc snippets, not a log file. The fixture
 * rebuilds each record as a default-layout (15-field) row, the way a test author would by hand:
 * 1. `#` lines are the file's own prose/headings and are dropped;
 * 2. a line holding a method token (GET/POST) starts a record; any other line continues the
 *    previous one (the docs wrap records over two lines);
 * 3. the placeholders Microsoft glued together (`-<IP_address>`, `-IPAddress`,
 *    `-IPAddressprofiled/…`) are split back into cs-username `-` and c-ip;
 * 4. before the method: `[date time] s-ip`; records without a real date get 2024-05-01 12:00:nn;
 * 5. after the method, values follow the default layout up to time-taken; extra trailing values
 *    (the docs' `… 186 0.`) are dropped.
 */
function msdocsRows(): string[] {
  const text = new TextDecoder().decode(sample('iis-w3c-logs/msdocs-ndes-iis-log-excerpts.txt'));
  const records: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/(^|\s)(GET|POST)\s/.test(line)) records.push(line);
    else records[records.length - 1] += ` ${line}`;
  }
  return records.map((rec, n) => {
    const t = rec
      .replace('-<IP_address>', '- <IP_address> ')
      .replace(/ -IPAddress/, ' - IPAddress ')
      .split(/\s+/);
    const m = t.findIndex((x) => x === 'GET' || x === 'POST');
    const pre = t.slice(0, m);
    const hasDate = /^\d{4}-\d\d-\d\d$/.test(pre[0] ?? '');
    const date = hasDate ? pre[0] : '2024-05-01';
    const time = hasDate ? pre[1] : `12:00:${String(n).padStart(2, '0')}`;
    const sip = pre.at(-1) ?? '-';
    const after = t.slice(m, m + 12).map((x) => x.replace(/\.$/, ''));
    return [date, time, sip, ...after].join(' ');
  });
}

describe('Microsoft doc NDES excerpts (msdocs-ndes-iis-log-excerpts.txt)', () => {
  const rows = msdocsRows();

  it('rebuilds 12 records as 15-value rows', () => {
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r.split(' ')).toHaveLength(15);
    expect(rows[6]).toBe(
      '2024-05-01 12:00:06 - POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - <IP_address> NDES_Plugin - 403 16 2148204809 453',
    );
  });

  it('classifies every record per platform and decodes status.substatus.win32', () => {
    const lines = [FIELDS, ...rows];
    const narrow = run({ msdocs: lines }, '2024-05-02T00:00:00Z');
    expect(narrow.outsideWindow).toBe(1); // the 2017-08-08 row, outside the default 14 days
    expect(narrow.groups).toHaveLength(11);
    // A window reaching back to 2017 takes in all 12 records.
    const acc = new IisLogAccumulator({ collectedAt: '2024-05-02T00:00:00Z', windowDays: 3000 });
    acc.startFile('msdocs');
    lines.forEach((l, i) => acc.line(l, i + 1));
    const wide = acc.result();
    expect(wide.groups.map(brief).sort()).toEqual(
      [
        'mscep GET GetCACaps 200.0.0 windows x1',
        'mscep GET GetCACert 200.0.0 windows x1',
        'mscep GET GetCACert 200.0.0 android x1',
        'mscep GET GetCACaps 200.0.0 android x1',
        'mscep GET GetCACert 500.0.1346 ios x1',
        'crp-verify POST (none) 201.0.0 policy-module x1',
        'crp-verify POST (none) 403.16.2148204809 policy-module x1',
        'mscep GET (none) 200.0.0 windows x1',
        'crp-notify POST (none) 204.0.0 policy-module x1',
        'mscep GET GetCACert 200.0.0 ios x1',
        'mscep GET GetCACaps 200.0.0 ios x1',
        'crp-verify POST (none) 500.0.0 policy-module x1',
      ].sort(),
    );
    const imp = wide.groups.find((g) => g.status === 500 && g.path === 'mscep');
    expect(imp?.first).toBe('2017-08-08T20:22:16.000Z');
    expect(imp?.samples[0]?.text).toContain('profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0');
    expect(wide.files[0]).toMatchObject({ records: 12, inWindow: 12, garbageLines: 0 });
    expect(wide.files[0]?.warnings).toEqual([]);
  });
});

/**
 * Feeds files the way the log reader does: lines as UTF-8 bytes in one buffer reused chunk after
 * chunk (`perChunk` lines each), overwritten with junk after every `endChunk`, so a row kept by
 * reference past its chunk would show up as garbage in the result.
 */
function runBytes(
  files: Record<string, (string | Uint8Array)[]>,
  perChunk: number,
  collectedAt = COLLECTED_AT,
): IisLogSummary {
  const acc = new IisLogAccumulator({ collectedAt });
  const buf = new Uint8Array(4 * 1024 * 1024);
  const enc = new TextEncoder();
  for (const [path, lines] of Object.entries(files)) {
    acc.startFile(path);
    for (let i = 0; i < lines.length; i += perChunk) {
      let at = 0;
      const spans: [number, number][] = [];
      for (const l of lines.slice(i, i + perChunk)) {
        const b = typeof l === 'string' ? enc.encode(l) : l;
        buf.set(b, at);
        spans.push([at, at + b.length]);
        at += b.length + 1;
        buf[at - 1] = 10;
      }
      spans.forEach(([s, e], k) => acc.lineBytes(buf, s, e, i + k + 1));
      acc.endChunk();
      buf.fill(0xaa, 0, at);
    }
    acc.endFile();
  }
  return acc.result();
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('IisLogAccumulator fed bytes (as the log reader feeds it)', () => {
  const mscep = (when: string, query: string, ua: string, result: string, stem?: string) =>
    row(when, 'GET', stem ?? '/certsrv/mscep/mscep.dll', query, ua, result);
  const lines: string[] = [
    '#Software: Microsoft Internet Information Services 10.0',
    FIELDS,
    mscep('2026-11-19 10:00:00', 'operation=GetCACert&message=x', IOS, '200 0 0'),
    mscep(
      '2026-11-19 10:00:01',
      `operation=PKIOperation&message=${'Ab+/'.repeat(900)}`,
      ANDROID,
      '200 0 0',
    ),
    // + for spaces in the UA, win32 above 2^31, other spellings of the operation
    mscep(
      '2026-11-19 10:00:02',
      'OPERATION=GetNextCACert',
      'Mozilla/4.0+(compatible;+Win32;+NDES+client)',
      '500 0 2148204809',
    ),
    mscep('2026-11-19 10:00:03', 'message=test', 'curl/8.4.0', '200 0 4294967295'),
    mscep('2026-11-19 10:00:04', '-', '-', '403 0 0'),
    // non-ASCII in the stem, the UA and the query (UTF-8, decoded only where read)
    mscep('2026-11-19 10:00:05', 'operation=GetCACaps&message=café', 'Agent-é/1.0', '200 0 0'),
    row('2026-11-19 10:00:06', 'GET', '/certsrv/ünïcode', '-', IOS, '200 0 0'),
    // #Fields changes mid-file: IPv6 zone ids, the status columns move
    '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs-host sc-status sc-substatus sc-win32-status time-taken',
    `2026-11-19 10:00:07 fe80::1ff:fe23:4567:890a%eth0 GET /certsrv/mscep/mscep.dll operation=GetCACert&message=x 443 - fe80::d9e3:e981:da2d:427b%3 HTTP/1.1 ${IOS} ndes.contoso.com 500 0 1346 15`,
    `\uFEFF2026-11-19 10:00:08 ::1%0 GET /certsrv/mscep/mscep.dll operation=GetCACert&message=x 443 - ::1%0 HTTP/1.1 ${IOS} ndes.contoso.com 500 0 1346 15 \t`,
    FIELDS,
    // garbage: NUL past the prefix, control characters, U+FFFD (from an invalid byte) early
    `${mscep('2026-11-19 10:00:09', '-', IOS, '200 0 0')}\u0000`,
    '\u0001\u0002PK junk',
    '2026-11-19 10:00:10 \uFFFD',
    // double spaces repaired, a short row kept
    '2026-11-19 10:00:11 10.0.0.5 GET /certsrv/mscep/mscep.dll operation=GetCACert&message=ca 443  CONTOSO\\dev 10.0.0.9 Dalvik/2.1.0 - 500 0 1346 31',
    '2026-11-19 10:00:12 10.0.0.5 GET /certsrv/mscep/mscep.dll operation=GetCACert',
    '',
    '   ',
  ];

  it('gives the same summary as text, whatever the chunking', () => {
    const text = run({ a: lines, b: lines.slice(2, 6) });
    for (const perChunk of [1, 2, 3, 7, 1000]) {
      expect(runBytes({ a: lines, b: lines.slice(2, 6) }, perChunk)).toEqual(text);
    }
  });

  it('reads the columns it needs from the bytes', () => {
    const s = runBytes({ a: lines }, 4);
    expect(s.groups.map(brief)).toEqual([
      'mscep GET GetCACert 500.0.1346 ios x2',
      'mscep GET GetCACert 200.0.0 ios x1',
      'mscep GET PKIOperation 200.0.0 android x1',
      'mscep GET GetNextCACert 500.0.2148204809 windows x1',
      'mscep GET (none) 200.0.4294967295 tool x1',
      'mscep GET (none) 403.0.0 other x1',
      'mscep GET GetCACaps 200.0.0 other x1',
      'mscep GET GetCACert 500.0.1346 android x1',
      'mscep GET GetCACert -1.-1.-1 other x1',
    ]);
    const zone = s.groups[0]!;
    expect(zone.samples.map((x) => x.line)).toEqual([11, 12]);
    expect(zone.samples[1]!.text.startsWith('2026-11-19 10:00:08 ::1%0')).toBe(true);
    expect(s.groups[6]!.samples[0]!.text).toContain('message=café 443 - 10.0.0.9 Agent-é/1.0');
    expect(s.otherRecords).toBe(1);
    expect(s.files[0]!.garbageLines).toBe(3);
    expect(s.files[0]!.warnings).toEqual([
      'line 14: binary garbage, line skipped',
      'line 15: binary garbage, line skipped',
      'line 16: binary garbage, line skipped',
      'line 17: double spaces, empty values dropped',
      'line 18: 6 values but #Fields names 15 (row kept)',
    ]);
  });

  it('decodes invalid UTF-8 as U+FFFD: garbage early in a row, kept in a sample later', () => {
    const invalid = (head: string, tail: string) =>
      new Uint8Array([...utf8(head), 0xc3, 0x28, 0xff, ...utf8(tail)]);
    const ok = mscep('2026-11-19 10:00:00', 'operation=GetCACert&message=x', IOS, '200 0 0');
    const s = runBytes({ a: [invalid('2026-11-19 10:00', ':01 x'), invalid(`${ok} `, ''), ok] }, 2);
    expect(s.files[0]!.warnings[0]).toBe('line 1: binary garbage, line skipped');
    // Past the prefix, invalid bytes only make a 16th value; the sample shows them as decoding
    // the line would (0xc3 before "(" and 0xff are each U+FFFD).
    expect(s.groups.map(brief)).toEqual(['mscep GET GetCACert 200.0.0 ios x2']);
    expect(s.groups[0]?.samples.map((x) => x.line)).toEqual([2, 3]);
    expect(s.groups[0]?.samples[0]?.text.endsWith('31 \uFFFD(\uFFFD')).toBe(true);
    expect(s.files[0]!.warnings[1]).toBe('line 2: 16 values but #Fields names 15 (row kept)');
  });

  it('keeps the latest row of a group when its chunk buffer is reused', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      mscep(
        `2026-11-19 10:${String(i).padStart(2, '0')}:00`,
        `operation=PKIOperation&message=${String(i).repeat(3000)}`,
        ANDROID,
        '200 0 0',
      ),
    );
    const s = runBytes({ f: many }, 3);
    expect(s.groups[0]?.samples.map((x) => x.line)).toEqual([1, 2, 3, 50]);
    expect(s.groups[0]?.samples[3]?.text).toBe(many[49]!.slice(0, 2000));
    expect(s).toEqual(run({ f: many }));
  });
});
