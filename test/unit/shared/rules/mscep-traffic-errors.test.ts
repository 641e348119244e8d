import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-traffic-errors';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { IIS_HEADER, UA, iisLogs, iisRow } from '../../../helpers/w3c-logs';
import type { Unavailable } from '../../../helpers/w3c-logs';

const HOUR = 3_600_000;
const FILE = 'iis/logs/W3SVC1/u_ex261119.log';
const OK_ROW = iisRow(DAY, 'operation=GetCACert&message=SCEP%20Authority', UA.ios, '200 0 0');
// SEED-D2N's line, with the host's date: IIS_IUSRS without SeImpersonatePrivilege.
const IMPERSONATION = iisRow(
  2 * HOUR,
  'operation=GetCACert&message=SCEP%20Authority',
  UA.ios,
  '500 0 1346',
);
const POOL_DOWN = iisRow(3 * HOUR, 'operation=GetCACaps&message=ca', UA.android, '503 0 0');
const skipped = (path: string): Unavailable => [{ path, state: 'skipped', error: 'size cap' }];

describe('mscep-traffic-errors', () => {
  it.each([
    ['200s only pass', { [FILE]: [...IIS_HEADER, OK_ROW] }, [], 'pass'],
    [
      'no SCEP request at all passes',
      { [FILE]: [...IIS_HEADER, iisRow(DAY, '-', UA.browser, '200 0 0', '/')] },
      [],
      'pass',
    ],
    ['500 0 1346 fails', { [FILE]: [...IIS_HEADER, OK_ROW, IMPERSONATION] }, [], 'fail'],
    ['503 fails', { [FILE]: [...IIS_HEADER, OK_ROW, POOL_DOWN] }, [], 'fail'],
    [
      '404 is not this check',
      { [FILE]: [...IIS_HEADER, iisRow(DAY, '-', UA.ios, '404 0 2')] },
      [],
      'pass',
    ],
    [
      "the collector probe's own 500 is excluded",
      {
        [FILE]: [
          ...IIS_HEADER,
          OK_ROW,
          iisRow(5 * 60_000, 'operation=GetCACert', UA.probe, '500 0 0'),
        ],
      },
      [],
      'pass',
    ],
    [
      'a 500 before the window does not count',
      {
        'iis/logs/W3SVC1/u_ex261020.log': [...IIS_HEADER, iisRow(31 * DAY, '-', UA.ios, '500 0 0')],
        [FILE]: [...IIS_HEADER, OK_ROW],
      },
      [],
      'pass',
    ],
    [
      'a skipped file in the window makes it unknown',
      { [FILE]: [...IIS_HEADER, OK_ROW] },
      skipped('iis/logs/W3SVC1/u_ex261112.log'),
      'unknown',
    ],
    [
      'a skipped file before the window does not',
      { [FILE]: [...IIS_HEADER, OK_ROW] },
      skipped('iis/logs/W3SVC1/u_ex261001.log'),
      'pass',
    ],
    [
      'a finding decides despite a skipped file',
      { [FILE]: [...IIS_HEADER, POOL_DOWN] },
      skipped('iis/logs/W3SVC1/u_ex261112.log'),
      'fail',
    ],
    [
      'logs that all predate the window are unknown',
      {
        'iis/logs/W3SVC1/u_ex261020.log': [...IIS_HEADER, iisRow(31 * DAY, '-', UA.ios, '200 0 0')],
      },
      [],
      'unknown',
    ],
  ] as const)('%s', (_name, files, unavailable, expected) => {
    expect(judge(rule, { iisLogs: iisLogs(files, [...unavailable]) }).status).toBe(expected);
  });

  it('shows the failing lines, the counts table and the decoded cause', () => {
    const f = judge(rule, {
      iisLogs: iisLogs({ [FILE]: [...IIS_HEADER, OK_ROW, IMPERSONATION, POOL_DOWN] }),
    });
    expect(f.summary).toContain('2 SCEP requests');
    expect(f.summary).toContain('500.0.1346');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'logLines',
        file: FILE,
        lines: [{ line: 6, text: IMPERSONATION }],
        total: 1,
      }),
    );
    const table = f.evidence.find((e) => e.kind === 'table');
    expect(table).toMatchObject({
      rows: expect.arrayContaining([
        ['500.0.1346', 'GET', 'GetCACert', 'ios', '1', expect.any(String), expect.any(String)],
      ]),
    });
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '500.0.1346', checkId: 'mscep-impersonation-500' }),
    );
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '503.0.0', checkId: 'scep-apppool-running' }),
    );
  });

  it('names the unreadable files', () => {
    const f = judge(rule, {
      iisLogs: iisLogs(
        { [FILE]: [...IIS_HEADER, OK_ROW] },
        skipped('iis/logs/W3SVC1/u_ex261112.log'),
      ),
    });
    expect(f.summary).toContain('iis/logs/W3SVC1/u_ex261112.log');
    expect(f.evidence).toContainEqual({
      kind: 'artifact',
      file: 'iis/logs/W3SVC1/u_ex261112.log',
      state: 'skipped',
      error: 'size cap',
    });
  });

  it('is unknown when the site has no log folder', () => {
    expect(judge(rule, { iisLogs: state('absent', 'iis/logs/') }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the logs are %s',
    (st) => {
      expect(judge(rule, { iisLogs: state(st, 'iis/logs/') }).status).toBe('unknown');
    },
  );
});
