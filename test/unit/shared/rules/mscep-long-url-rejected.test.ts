import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-long-url-rejected';
import type { EvidenceState } from '../../../../shared/model';
import type { HttpErrSummary, IisLogSummary } from '../../../../shared/parse/iis-log-summary';
import type { LogAvailability } from '../../../../shared/model';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';
import {
  HTTPERR_HEADER,
  IIS_HEADER,
  UA,
  httpErrLogs,
  httpErrRow,
  iisLogs,
  iisRow,
} from '../../../helpers/w3c-logs';

const IIS_FILE = 'iis/logs/W3SVC1/u_ex261119.log';
const ERR_FILE = 'iis/httperr/httperr1.log';
const PKI =
  'operation=PKIOperation&message=MIIHBgYJKoZIhvcNAQcCoIIG9zCCBvMCAQExDzANBglghkgBZQMEAgEFADCC';
const OK_ROW = iisRow(DAY, 'operation=GetCACert&message=ca', UA.android, '200 0 0');
const MSCEP_URI = `/certsrv/mscep/mscep.dll?${PKI}`;
const noIis = (st: EvidenceState) => state<IisLogSummary & LogAvailability>(st, 'iis/logs/');
const noErr = (st: EvidenceState) => state<HttpErrSummary & LogAvailability>(st, 'iis/httperr/');
const iis = (...rows: string[]) => iisLogs({ [IIS_FILE]: [...IIS_HEADER, OK_ROW, ...rows] });
const errs = (...rows: string[]) => httpErrLogs({ [ERR_FILE]: [...HTTPERR_HEADER, ...rows] });
// plaso's real HTTPERR file: a `414 … URL_Length` row with cs-uri `-`, dated 2026-10-07 (before the window).
const plaso = () =>
  httpErrLogs({
    'iis/httperr/httperr2.log': new TextDecoder()
      .decode(sample('iis-w3c-logs/plaso-httperr-iis10-extended-fields.log'))
      .split(/\r?\n/)
      .filter((l) => l !== ''),
  });

describe('mscep-long-url-rejected', () => {
  it.each([
    ['clean IIS, no HTTPERR folder', iis(), noErr('absent'), 'pass'],
    ['clean IIS, HTTPERR rows before the window only', iis(), plaso(), 'pass'],
    ['IIS 404.14 (maxUrl) fails', iis(iisRow(DAY, PKI, UA.ios, '404 14 0')), errs(), 'fail'],
    [
      'IIS 404.15 (maxQueryString) fails',
      iis(iisRow(DAY, PKI, UA.ios, '404 15 0')),
      errs(),
      'fail',
    ],
    ['IIS 414 fails', iis(iisRow(DAY, PKI, UA.android, '414 0 0')), errs(), 'fail'],
    ['IIS 404.0 is not this check', iis(iisRow(DAY, '-', UA.ios, '404 0 2')), errs(), 'pass'],
    [
      'HTTPERR URL_Length on mscep fails',
      iis(),
      errs(httpErrRow(DAY, MSCEP_URI, 414, 'URL_Length')),
      'fail',
    ],
    ['HTTPERR URL on mscep fails', iis(), errs(httpErrRow(DAY, MSCEP_URI, 414, 'URL')), 'fail'],
    [
      'HTTPERR FieldLength on mscep fails',
      iis(),
      errs(httpErrRow(DAY, MSCEP_URI, 400, 'FieldLength')),
      'fail',
    ],
    [
      'HTTPERR RequestLength on mscep fails',
      iis(),
      errs(httpErrRow(DAY, MSCEP_URI, 400, 'RequestLength')),
      'fail',
    ],
    [
      'HTTPERR URL_Length without a URI warns',
      iis(),
      errs(httpErrRow(DAY, '-', 414, 'URL_Length')),
      'warn',
    ],
    [
      'HTTPERR URL_Length on another path passes',
      iis(),
      errs(httpErrRow(DAY, '/owa/', 414, 'URL_Length')),
      'pass',
    ],
    [
      'HTTPERR AppOffline on mscep is not this check',
      iis(),
      errs(httpErrRow(DAY, MSCEP_URI, 503, 'AppOffline')),
      'pass',
    ],
    [
      'HTTPERR rows before the window do not count',
      iis(),
      errs(httpErrRow(20 * DAY, MSCEP_URI, 414, 'URL_Length')),
      'pass',
    ],
    [
      'an IIS finding decides when HTTPERR was not read',
      iis(iisRow(DAY, PKI, UA.ios, '414 0 0')),
      noErr('error'),
      'fail',
    ],
    [
      'an HTTPERR finding decides when IIS logs were not read',
      noIis('error'),
      errs(httpErrRow(DAY, MSCEP_URI, 414, 'URL_Length')),
      'fail',
    ],
    ['nothing found but HTTPERR not read is unknown', iis(), noErr('skipped'), 'unknown'],
    ['nothing found but IIS logs not read is unknown', noIis('missing'), errs(), 'unknown'],
    ['nothing found and no IIS log folder is unknown', noIis('absent'), errs(), 'unknown'],
  ] as const)('%s', (_name, iisLogsEv, httpErrEv, expected) => {
    expect(judge(rule, { iisLogs: iisLogsEv, httpErr: httpErrEv }).status).toBe(expected);
  });

  it('is unknown when an HTTPERR file could not be read (no date in the name: it always counts)', () => {
    const httpErr = httpErrLogs({ [ERR_FILE]: [...HTTPERR_HEADER] }, [
      {
        path: 'iis/httperr/httperr7.log',
        state: 'error',
        error: 'The process cannot access the file',
      },
    ]);
    const f = judge(rule, { iisLogs: iis(), httpErr });
    expect(f.status).toBe('unknown');
    expect(f.summary).toContain('iis/httperr/httperr7.log');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'artifact',
        file: 'iis/httperr/httperr7.log',
        state: 'error',
      }),
    );
  });

  it('shows the rejected lines and decodes them', () => {
    const iisLine = iisRow(DAY, PKI, UA.ios, '404 15 0');
    const errLine = httpErrRow(DAY, MSCEP_URI, 414, 'URL_Length');
    const f = judge(rule, { iisLogs: iis(iisLine), httpErr: errs(errLine) });
    expect(f.summary).toContain('1 IIS lines and 1 HTTPERR rows');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'logLines',
        file: IIS_FILE,
        lines: [{ line: 6, text: iisLine }],
      }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'logLines',
        file: ERR_FILE,
        lines: [{ line: 5, text: errLine }],
      }),
    );
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '404.15.0', checkId: 'iis-request-limits' }),
    );
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: 'URL_Length', checkId: 'mscep-long-url-rejected' }),
    );
  });

  it('says why a row without URI only warns', () => {
    const f = judge(rule, {
      iisLogs: iis(),
      httpErr: errs(httpErrRow(DAY, '-', 400, 'FieldLength')),
    });
    expect(f.summary).toContain('FieldLength');
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: 'FieldLength', checkId: 'httpsys-max-field-length' }),
    );
  });
});
