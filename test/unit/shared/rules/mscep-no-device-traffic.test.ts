import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-no-device-traffic';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { IIS_HEADER, UA, iisLogs, iisRow } from '../../../helpers/w3c-logs';

const FILE = 'iis/logs/W3SVC1/u_ex261119.log';
const row = (ua: string, query = 'operation=GetCACert&message=ca', agoMs = DAY) =>
  iisRow(agoMs, query, ua, '200 0 0');

describe('mscep-no-device-traffic', () => {
  it.each([
    ['iOS traffic passes', [row(UA.ios)], 'pass'],
    ['Android traffic passes', [row(UA.android)], 'pass'],
    [
      'Windows NDES client traffic passes',
      [row(UA.windows, 'operation=GetCACaps&message=default')],
      'pass',
    ],
    [
      'only browsers and validation scripts warn',
      [row(UA.browser, '-'), row(UA.browser, 'operation=GetCACaps&message=test')],
      'warn',
    ],
    [
      'only the collector probe warns',
      [row(UA.browser, '-'), row(UA.probe, 'operation=GetCACert', 60_000)],
      'warn',
    ],
    ['no SCEP request at all warns', [iisRow(DAY, '-', UA.browser, '200 0 0', '/')], 'warn'],
    [
      'device traffic before the window only is unknown',
      [row(UA.ios, undefined, 20 * DAY)],
      'unknown',
    ],
  ] as const)('%s', (_name, rows, expected) => {
    expect(judge(rule, { iisLogs: iisLogs({ [FILE]: [...IIS_HEADER, ...rows] }) }).status).toBe(
      expected,
    );
  });

  it('counts device requests by platform', () => {
    const f = judge(rule, {
      iisLogs: iisLogs({
        [FILE]: [
          ...IIS_HEADER,
          row(UA.ios),
          row(UA.ios),
          row(UA.android, 'operation=GetCACaps&message=ca'),
        ],
      }),
    });
    expect(f.summary).toContain('3 SCEP requests from devices (android, ios)');
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      rows: expect.arrayContaining([expect.arrayContaining(['ios', '2'])]),
    });
    expect(f.evidence[1]).toMatchObject({ kind: 'logLines', file: FILE });
  });

  it('is unknown rather than warn when a file of the window was not read', () => {
    const f = judge(rule, {
      iisLogs: iisLogs({ [FILE]: [...IIS_HEADER, row(UA.browser, '-')] }, [
        {
          path: 'iis/logs/W3SVC1/u_ex261115.log',
          state: 'skipped',
          error: 'larger than the size cap',
        },
      ]),
    });
    expect(f.status).toBe('unknown');
    expect(f.summary).toContain('u_ex261115.log');
  });

  it('is unknown when no log file covers the window', () => {
    expect(judge(rule, { iisLogs: iisLogs({}) }).status).toBe('unknown');
    expect(judge(rule, { iisLogs: state('absent', 'iis/logs/') }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the logs are %s',
    (st) => {
      expect(judge(rule, { iisLogs: state(st, 'iis/logs/') }).status).toBe('unknown');
    },
  );
});
