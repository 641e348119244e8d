import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/scep-apppool-crashes';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import type { EvidenceState } from '../../../../shared/model';
import type { EventRecord } from '../../../../shared/parse/event-xml';
import { DAY, judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';
import { eventLog } from '../../../helpers/windows-events';
import type { EventSpec } from '../../../helpers/windows-events';

const SYS = 'events/System.xml';
const APP = 'events/Application.xml';
const AH = 'iis/applicationHost.config';
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);

const was = (
  id: number,
  pool: string,
  recordId: number,
  exit = '0x0000374',
  agoMs = DAY,
): EventSpec => ({
  provider: 'Microsoft-Windows-WAS',
  id,
  level: id === 5002 ? 2 : 3,
  agoMs,
  recordId,
  channel: 'System',
  data:
    id === 5002
      ? [{ name: 'AppPoolID', value: pool }]
      : [
          { name: 'AppPoolID', value: pool },
          { name: 'ProcessID', value: '4312' },
          { name: 'ExitCode', value: exit },
        ],
  message:
    id === 5009
      ? `A process serving application pool '${pool}' terminated unexpectedly. The process id was '4312'. The process exit code was '${exit}'.`
      : undefined,
});
// Application Error 1000 as Windows Server 2016 writes it: unnamed data, faulting app first.
const appError = (app: string, recordId: number, agoMs = DAY): EventSpec => ({
  provider: 'Application Error',
  id: 1000,
  level: 2,
  agoMs,
  recordId,
  data: [
    app,
    '10.0.17763.1',
    'c3b2a1d0',
    'ntdll.dll',
    '10.0.17763.2183',
    '0f1e2d3c',
    'c0000005',
    '000000000009a2b4',
    '1a2c',
  ].map((value) => ({ value })),
  message: `Faulting application name: ${app}, version: 10.0.17763.1 Faulting module name: ntdll.dll Exception code: 0xc0000005`,
});
// Windows Server 2019 and later name the fields.
const namedAppError: EventSpec = {
  ...appError('w3wp.exe', 900),
  data: [
    { name: 'AppName', value: 'w3wp.exe' },
    { name: 'AppVersion', value: '10.0.20348.1' },
    { name: 'ModuleName', value: 'ntdll.dll' },
    { name: 'ExceptionCode', value: 'c0000005' },
  ],
};
const unread = (st: EvidenceState, path: string) => state<EventRecord[]>(st, path);
const sys = (...specs: EventSpec[]) => eventLog(specs, SYS);
const app = (...specs: EventSpec[]) => eventLog(specs, APP);

describe('scep-apppool-crashes', () => {
  it.each([
    ['quiet logs pass', sys(), app(), 'pass'],
    ['WAS 5009 for SCEP fails', sys(was(5009, 'SCEP', 101)), app(), 'fail'],
    ['WAS 5002 (rapid-fail protection) for SCEP fails', sys(was(5002, 'SCEP', 102)), app(), 'fail'],
    ['WAS 5009 for another pool passes', sys(was(5009, 'DefaultAppPool', 103)), app(), 'pass'],
    ['WAS 5011 alone is a detail', sys(was(5011, 'SCEP', 104)), app(), 'pass'],
    [
      'WAS 5009 before the window passes',
      sys(was(5009, 'SCEP', 105, '0x0000374', 20 * DAY)),
      app(),
      'pass',
    ],
    ['a w3wp.exe crash fails (unattributed)', sys(), app(appError('w3wp.exe', 106)), 'fail'],
    ['a w3wp.exe crash with named data fails', sys(), app(namedAppError), 'fail'],
    ['another application crashing passes', sys(), app(appError('svchost.exe', 107)), 'pass'],
    [
      'a crash decides even if System was not read',
      unread('error', SYS),
      app(appError('w3wp.exe', 108)),
      'fail',
    ],
    ['nothing found but System not read is unknown', unread('error', SYS), app(), 'unknown'],
    ['nothing found but Application skipped is unknown', sys(), unread('skipped', APP), 'unknown'],
    [
      'nothing found and both missing is unknown',
      unread('missing', SYS),
      unread('missing', APP),
      'unknown',
    ],
  ] as const)('%s', (_name, eventsSystem, eventsApplication, expected) => {
    expect(judge(rule, { eventsSystem, eventsApplication }).status).toBe(expected);
  });

  it('follows the pool the mscep application uses', () => {
    const custom = NDES.replace(
      '<application path="/CertSrv/mscep" applicationPool="SCEP">',
      '<application path="/CertSrv/mscep" applicationPool="NDES Pool">',
    );
    const iisConfig = ok(parseIisConfig({ file: AH, text: custom }).config, AH);
    expect(
      judge(rule, {
        iisConfig,
        eventsSystem: sys(was(5009, 'NDES Pool', 110)),
        eventsApplication: app(),
      }).status,
    ).toBe('fail');
    expect(
      judge(rule, {
        iisConfig,
        eventsSystem: sys(was(5009, 'SCEP', 111)),
        eventsApplication: app(),
      }).status,
    ).toBe('pass');
  });

  it('groups the crashes, marks 1000 as unattributed and decodes the codes', () => {
    const f = judge(rule, {
      eventsSystem: sys(
        was(5009, 'SCEP', 201),
        was(5009, 'SCEP', 202, '0x0000374', DAY / 2),
        was(5011, 'SCEP', 203),
      ),
      eventsApplication: app(appError('w3wp.exe', 301)),
    });
    expect(f.status).toBe('fail');
    expect(f.summary).toContain('WAS logged 2 failures of the SCEP application pool');
    expect(f.summary).toContain('1 w3wp.exe crashes');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        file: SYS,
        eventId: 5009,
        count: 2,
        recordId: 202,
        line: 2,
      }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ kind: 'event', file: SYS, eventId: 5011, recordId: 203 }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ kind: 'event', file: APP, eventId: 1000, recordId: 301, line: 1 }),
    );
    expect(f.evidence).toContainEqual({
      kind: 'text',
      text: expect.stringContaining('unattributed'),
    });
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '0x00000374', checkId: 'scep-apppool-crashes' }),
    );
    expect(f.decoded).toContainEqual(expect.objectContaining({ raw: '0xC0000005' }));
  });
});
