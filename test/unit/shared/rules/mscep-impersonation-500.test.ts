import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-impersonation-500';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { IIS_HEADER, UA, iisLogs, iisRow } from '../../../helpers/w3c-logs';

const FILE = 'iis/logs/W3SVC1/u_ex261119.log';
const OK_ROW = iisRow(DAY, 'operation=GetCACert&message=SCEP%20Authority', UA.ios, '200 0 0');
// The SEED-D2N sample: iOS GetCACert answered 500 0 1346 (ERROR_BAD_IMPERSONATION_LEVEL).
const SEED = iisRow(DAY / 2, 'operation=GetCACert&message=SCEP%20Authority', UA.ios, '500 0 1346');

describe('mscep-impersonation-500', () => {
  it.each([
    ['200s pass', [OK_ROW], 'pass'],
    ['500 0 1346 fails', [OK_ROW, SEED], 'fail'],
    [
      '500 0 1346 from Windows on pkiclient.exe fails',
      [
        iisRow(
          DAY,
          'operation=GetCACaps&message=default',
          UA.windows,
          '500 0 1346',
          '/CertSrv/mscep/mscep.dll/pkiclient.exe',
        ),
      ],
      'fail',
    ],
    ['another 500 is not this check', [iisRow(DAY, '-', UA.ios, '500 0 0')], 'pass'],
    [
      '500 0 1346 on another path is not this check',
      [OK_ROW, iisRow(DAY, '-', UA.browser, '500 0 1346', '/certsrv/mscep_admin/')],
      'pass',
    ],
    [
      "the probe's own 500 0 1346 is excluded",
      [OK_ROW, iisRow(60_000, 'operation=GetCACert', UA.probe, '500 0 1346')],
      'pass',
    ],
  ] as const)('%s', (_name, rows, expected) => {
    expect(judge(rule, { iisLogs: iisLogs({ [FILE]: [...IIS_HEADER, ...rows] }) }).status).toBe(
      expected,
    );
  });

  it('points at the log line and decodes 1346', () => {
    const f = judge(rule, { iisLogs: iisLogs({ [FILE]: [...IIS_HEADER, OK_ROW, SEED] }) });
    expect(f.summary).toContain('1 SCEP requests');
    expect(f.evidence).toEqual([
      expect.objectContaining({
        kind: 'logLines',
        file: FILE,
        lines: [{ line: 6, text: SEED }],
        total: 1,
      }),
    ]);
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '500.0.1346', checkId: 'mscep-impersonation-500' }),
    );
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '1346', checkId: 'iis-iusrs-impersonate-right' }),
    );
  });

  it('is unknown when a log file of the window could not be read', () => {
    const f = judge(rule, {
      iisLogs: iisLogs({ [FILE]: [...IIS_HEADER, OK_ROW] }, [
        { path: 'iis/logs/W3SVC1/u_ex261118.log', state: 'error', error: 'Access is denied.' },
      ]),
    });
    expect(f.status).toBe('unknown');
    expect(f.summary).toContain('iis/logs/W3SVC1/u_ex261118.log');
  });

  it('is unknown when no log covers the window', () => {
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
