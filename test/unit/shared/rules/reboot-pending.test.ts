import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/reboot-pending';
import type { Ev, Snapshot } from '../../../../shared/model';
import type { RegFile } from '../../../../shared/parse/reg-file';
import { judge, psJson, reg, state } from '../../../helpers/snapshot';

const MSCV = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';
const cbsKey = () =>
  reg(
    `[${MSCV}\\Component Based Servicing\\RebootPending]\r\n\r\n`,
    'registry/reboot-pending-cbs.reg',
  );
const wuKey = () =>
  reg(
    `[${MSCV}\\WindowsUpdate\\Auto Update\\RebootRequired]\r\n"a3b4c5d6-0000-4f9e-8b1a-123456789abc"=dword:00000001\r\n`,
    'registry/reboot-required-wu.reg',
  );

/** REG_MULTI_SZ the way `reg export` writes it: hex(7) of UTF-16LE strings, each NUL-ended, plus a final NUL. */
function hex7(strings: string[]): string {
  const units = [...strings.flatMap((s) => [...s].map((c) => c.charCodeAt(0)).concat(0)), 0];
  return units
    .map(
      (u) =>
        `${(u & 0xff).toString(16).padStart(2, '0')},${(u >> 8).toString(16).padStart(2, '0')}`,
    )
    .join(',');
}
const sessionManager = (renames: string[] | null) =>
  reg(
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager]\r\n"AutoChkTimeout"=dword:0000000a\r\n' +
      (renames === null ? '' : `"PendingFileRenameOperations"=hex(7):${hex7(renames)}\r\n`) +
      '"SafeProcessSearchMode"=dword:00000001\r\n',
    'registry/session-manager.reg',
  );

const absent = (path: string) => state('absent', path) as Ev<RegFile>;
const CBS_ABSENT = absent('registry/reboot-pending-cbs.reg');
const WU_ABSENT = absent('registry/reboot-required-wu.reg');

const parts = (cbs: Ev<RegFile>, wu: Ev<RegFile>, sm: Ev<RegFile>): Partial<Snapshot> => ({
  regRebootCbs: cbs,
  regRebootWu: wu,
  regSessionManager: sm,
});

describe('reboot-pending', () => {
  it.each([
    [
      'both keys absent and no renames passes',
      parts(CBS_ABSENT, WU_ABSENT, sessionManager(null)),
      'pass',
    ],
    [
      'an empty PendingFileRenameOperations passes',
      parts(CBS_ABSENT, WU_ABSENT, sessionManager([])),
      'pass',
    ],
    [
      'Session Manager absent counts as the value missing',
      parts(CBS_ABSENT, WU_ABSENT, absent('registry/session-manager.reg')),
      'pass',
    ],
    [
      'the CBS RebootPending key exported (ok) warns',
      parts(cbsKey(), WU_ABSENT, sessionManager(null)),
      'warn',
    ],
    [
      'the WU RebootRequired key exported (ok) warns',
      parts(CBS_ABSENT, wuKey(), sessionManager(null)),
      'warn',
    ],
    [
      'pending file renames warn',
      parts(
        CBS_ABSENT,
        WU_ABSENT,
        sessionManager(['\\??\\C:\\Windows\\Temp\\inetsrv\\w3wp.exe.new', '']),
      ),
      'warn',
    ],
  ])('%s', (_name, p, expected) => {
    expect(judge(rule, p).status).toBe(expected);
  });

  it('names both keys when both exist and shows the boot time', () => {
    const f = judge(rule, {
      ...parts(cbsKey(), wuKey(), sessionManager(null)),
      os: psJson({
        Caption: 'Microsoft Windows Server 2022 Standard',
        LastBootUpTime: '/Date(1763370000000)/',
      }),
    });
    expect(f.summary).toContain(
      'both HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending and',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      rows: [
        ['registry/reboot-pending-cbs.reg', expect.stringContaining('RebootPending'), 'exists'],
        ['registry/reboot-required-wu.reg', expect.stringContaining('RebootRequired'), 'exists'],
      ],
    });
    expect(f.evidence).toContainEqual({
      kind: 'keyValue',
      items: [{ key: 'LastBootUpTime', value: '2025-11-17T09:00:00.000Z' }],
    });
  });

  it('names the first file to be replaced and points at the value', () => {
    const f = judge(
      rule,
      parts(CBS_ABSENT, WU_ABSENT, sessionManager(['\\??\\C:\\Program Files\\x.dll.tmp', ''])),
    );
    expect(f.summary).toContain('(first: \\??\\C:\\Program Files\\x.dll.tmp)');
    expect(f.evidence[1]).toMatchObject({
      kind: 'registryValue',
      file: 'registry/session-manager.reg',
      valueName: 'PendingFileRenameOperations',
      line: 5,
    });
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when any of the three is %s',
    (st) => {
      const sm = sessionManager(null);
      expect(judge(rule, parts(state(st), WU_ABSENT, sm)).status).toBe('unknown');
      expect(judge(rule, parts(CBS_ABSENT, state(st), sm)).status).toBe('unknown');
      expect(judge(rule, parts(CBS_ABSENT, WU_ABSENT, state(st))).status).toBe('unknown');
    },
  );
});
