import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/ie-esc-disabled';
import type { Snapshot } from '../../../../shared/model';
import { judge, reg, state } from '../../../helpers/snapshot';

const COMPONENTS = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components';
/** An Active Setup component export as `reg export` writes it. */
const component = (guid: string, isInstalled: string, file: string) =>
  reg(
    `[${COMPONENTS}\\${guid}]\r\n@="Internet Explorer Enhanced Security Configuration"\r\n"ComponentID"="IEHarden"\r\n${isInstalled}"Locale"="*"\r\n"StubPath"="C:\\\\Windows\\\\System32\\\\rundll32.exe C:\\\\Windows\\\\System32\\\\iesetup.dll,IEHardenAdmin"\r\n"Version"="1,0,0,0"\r\n`,
    file,
  );
const admins = (isInstalled: string) =>
  component('{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}', isInstalled, 'registry/ie-esc-admins.reg');
const users = (isInstalled: string) =>
  component('{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}', isInstalled, 'registry/ie-esc-users.reg');

describe('ie-esc-disabled', () => {
  it.each([
    ['IsInstalled=0 passes', admins('"IsInstalled"=dword:00000000\r\n'), 'pass'],
    ['IsInstalled=1 warns', admins('"IsInstalled"=dword:00000001\r\n'), 'warn'],
    ['a key without IsInstalled is unknown', admins(''), 'unknown'],
    [
      'an absent key is not applicable',
      state('absent', 'registry/ie-esc-admins.reg'),
      'not-applicable',
    ],
  ])('%s', (_name, ev, expected) => {
    expect(judge(rule, { regIeEscAdmins: ev } as Partial<Snapshot>).status).toBe(expected);
  });

  it('judges administrators only; the users key is a detail', () => {
    const f = judge(rule, {
      regIeEscAdmins: admins('"IsInstalled"=dword:00000000\r\n'),
      regIeEscUsers: users('"IsInstalled"=dword:00000001\r\n'),
    });
    expect(f.status).toBe('pass');
    expect(f.evidence).toEqual([
      expect.objectContaining({
        file: 'registry/ie-esc-admins.reg',
        valueName: 'IsInstalled',
        value: '0',
        line: 6,
      }),
      expect.objectContaining({
        file: 'registry/ie-esc-users.reg',
        valueName: 'IsInstalled',
        value: '1',
        line: 6,
      }),
    ]);
  });

  it('says it is on', () => {
    const f = judge(rule, { regIeEscAdmins: admins('"IsInstalled"=dword:00000001\r\n') });
    expect(f.summary).toBe('IE ESC for administrators is on (IsInstalled=1).');
    expect(f.fixes[0]?.wizard).toBe('disable-ie-esc');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the export is %s',
    (st) => {
      expect(judge(rule, { regIeEscAdmins: state(st, 'registry/ie-esc-admins.reg') }).status).toBe(
        'unknown',
      );
    },
  );
});
