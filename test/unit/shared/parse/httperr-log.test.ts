import { describe, it, expect } from 'vitest';
import {
  createHttpErrParser,
  HttpErrAccumulator,
  HTTPERR_FIELDS,
  httpErrRow,
  httpErrUriClass,
  isHttpErrSoftware,
  LONG_URL_REASONS,
} from '../../../../shared/parse/httperr-log';
import type { HttpErrRow } from '../../../../shared/parse/httperr-log';
import { sample } from '../../../helpers/paths';

const PLASO = 'iis-w3c-logs/plaso-httperr-iis10-extended-fields.log';
const OLD_FIELDS =
  '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename';

function plasoLines(): string[] {
  // Split on LF only: the sample is CRLF and the parser must drop the CR itself.
  return new TextDecoder().decode(sample(PLASO)).split('\n');
}

describe('HTTPERR rows (plaso httperr.log, IIS 10 extended fields)', () => {
  const p = createHttpErrParser();
  const rows: HttpErrRow[] = [];
  for (const line of plasoLines()) {
    const v = p.push(line);
    if (v !== null) rows.push(httpErrRow(p, v));
  }

  it('reads the directives and the 18-field layout', () => {
    expect(isHttpErrSoftware(p.software)).toBe(true);
    expect(p.fields.names).toEqual(HTTPERR_FIELDS);
    expect(p.directiveDate).toBe('2026-10-07 12:24:54');
    expect(p.warnings).toEqual([]);
  });

  it('maps every row with - as null', () => {
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      time: Date.UTC(2026, 9, 7, 12, 24, 54),
      clientIp: '127.0.0.1',
      clientPort: '54517',
      serverIp: '127.0.0.1',
      serverPort: '8123',
      version: 'HTTP/1.1',
      method: 'GET',
      uri: "/test'XOR(1)*!",
      status: 400,
      siteId: null,
      reason: 'Hostname',
      queueName: null,
      transport: 'TCP',
    });
    expect(rows[1]).toMatchObject({ version: 'HTTP/9.9', status: 505, reason: 'Version_N/S' });
    expect(rows[2]).toMatchObject({ method: null, uri: null, status: 400, reason: 'Verb' });
    // The long-URL rejection: HTTP.sys does not log the URI it refused.
    expect(rows[3]).toMatchObject({ method: 'GET', uri: null, status: 414, reason: 'URL_Length' });
    expect(LONG_URL_REASONS.has(rows[3]?.reason ?? '')).toBe(true);
    expect(rows[4]).toMatchObject({ uri: '/c', reason: 'Header' });
  });
});

describe('HTTPERR older layout (ends at s-queuename)', () => {
  it('maps by #Fields; transport is null', () => {
    const p = createHttpErrParser();
    p.push('#Software: Microsoft HTTP API 2.0');
    p.push(OLD_FIELDS);
    const v =
      p.push(
        '2026-11-19 08:00:01 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll?operation=PKIOperation&message=MIIL 400 - FieldLength -',
      ) ?? [];
    const r = httpErrRow(p, v);
    expect(r).toMatchObject({
      status: 400,
      reason: 'FieldLength',
      queueName: null,
      transport: null,
    });
    expect(httpErrUriClass(r.uri)).toBe('mscep');
    expect(p.warnings).toEqual([]);
  });

  it('classifies cs-uri', () => {
    expect(httpErrUriClass('/CertSrv/MSCEP/mscep.dll')).toBe('mscep');
    expect(httpErrUriClass('/owa/')).toBe('other');
    expect(httpErrUriClass(null)).toBe('none');
    expect(isHttpErrSoftware('Microsoft Internet Information Services 10.0')).toBe(false);
  });
});

describe('HttpErrAccumulator', () => {
  it('groups the plaso rows by reason, status and URI class inside the window', () => {
    const acc = new HttpErrAccumulator({ collectedAt: '2026-10-08T00:00:00Z' });
    acc.startFile('iis/httperr/httperr1.log');
    plasoLines().forEach((l, i) => acc.line(l, i + 1));
    const s = acc.result();
    expect(s.window.from).toBe('2026-09-24T00:00:00.000Z');
    expect(s.outsideWindow).toBe(0);
    expect(s.groups.map((g) => `${g.reason} ${g.status} ${g.uriClass} x${g.count}`)).toEqual([
      'Hostname 400 other x1',
      'Version_N/S 505 other x1',
      'Verb 400 none x1',
      'URL_Length 414 none x1',
      'Header 400 other x1',
    ]);
    const url = s.groups[3];
    expect(url?.first).toBe('2026-10-07T12:24:55.000Z');
    expect(url?.samples).toEqual([
      {
        file: 'iis/httperr/httperr1.log',
        line: 8,
        text: '2026-10-07 12:24:55 127.0.0.1 54520 127.0.0.1 8123 - GET - - - 414 - URL_Length - TCP - -',
      },
    ]);
    expect(s.files[0]).toMatchObject({
      lines: 10, // 9 CRLF lines + the empty string after the final LF
      records: 5,
      inWindow: 5,
      garbageLines: 0,
      firstTime: '2026-10-07T12:24:54.000Z',
      lastTime: '2026-10-07T12:24:56.000Z',
    });
  });

  it('filters rows by their own date, counts garbage and merges files', () => {
    const acc = new HttpErrAccumulator({ collectedAt: '2026-11-20T09:14:03Z' });
    acc.startFile('httperr1.log');
    acc.line(OLD_FIELDS, 1);
    acc.line(
      '2026-10-01 00:00:00 10.1.2.3 1 10.0.0.5 443 HTTP/1.1 GET /x 503 - AppOffline SCEP',
      2,
    );
    acc.line(
      '2026-11-19 00:00:00 10.1.2.3 1 10.0.0.5 443 HTTP/1.1 GET /x 503 - AppOffline SCEP',
      3,
    );
    acc.line('\u0000\u0000\u0000', 4);
    acc.startFile('httperr2.log'); // ends httperr1 implicitly
    acc.line(
      '2026-11-20 09:00:00 10.1.2.3 1 10.0.0.5 443 - GET - - - 414 - URL_Length - TCP - -',
      1,
    );
    acc.line(
      '2026-11-20 09:05:00 10.1.2.3 1 10.0.0.5 443 - GET - - - 414 - URL_Length - TCP - -',
      2,
    );
    const s = acc.result();
    expect(s.outsideWindow).toBe(1);
    expect(s.groups.map((g) => `${g.reason} ${g.status} ${g.uriClass} x${g.count}`)).toEqual([
      'URL_Length 414 none x2',
      'AppOffline 503 other x1',
    ]);
    expect(s.groups[0]?.last).toBe('2026-11-20T09:05:00.000Z');
    expect(s.files.map((f) => [f.path, f.records, f.inWindow, f.garbageLines])).toEqual([
      ['httperr1.log', 2, 1, 1],
      ['httperr2.log', 2, 2, 0],
    ]);
  });
});
