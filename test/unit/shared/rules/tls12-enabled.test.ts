import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/tls12-enabled';
import type { Snapshot } from '../../../../shared/model';
import { judge, reg, state } from '../../../helpers/snapshot';

const PROTOCOLS =
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols]';
/** schannel-protocols.reg: the recursive export, with the TLS 1.2\Client values given. */
const schannel = (client: string | null) =>
  reg(
    `${PROTOCOLS}\r\n\r\n${PROTOCOLS.slice(0, -1)}\\SSL 2.0]\r\n\r\n${PROTOCOLS.slice(0, -1)}\\SSL 2.0\\Client]\r\n"DisabledByDefault"=dword:00000001\r\n\r\n` +
      (client === null
        ? ''
        : `${PROTOCOLS.slice(0, -1)}\\TLS 1.2]\r\n\r\n${PROTOCOLS.slice(0, -1)}\\TLS 1.2\\Client]\r\n${client}`),
    'registry/schannel-protocols.reg',
  );
const netfx = (values: string, wow64 = false) =>
  reg(
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\${wow64 ? 'WOW6432Node\\' : ''}Microsoft\\.NETFramework\\v4.0.30319]\r\n"OnlyUseLatestCLR"=dword:00000001\r\n${values}`,
    wow64 ? 'registry/netfx-v4-wow64.reg' : 'registry/netfx-v4.reg',
  );
const STRONG =
  '"SchUseStrongCrypto"=dword:00000001\r\n"SystemDefaultTlsVersions"=dword:00000001\r\n';
const ENABLED = '"Enabled"=dword:00000001\r\n"DisabledByDefault"=dword:00000000\r\n';

const parts = (client: string | null, x64 = STRONG, x86 = STRONG): Partial<Snapshot> => ({
  regSchannel: schannel(client),
  regNetfx: netfx(x64),
  regNetfxWow64: netfx(x86, true),
});

describe('tls12-enabled', () => {
  it.each([
    ['explicitly enabled with strong crypto passes', parts(ENABLED), 'pass'],
    ['unset SCHANNEL values mean not disabled', parts(null), 'pass'],
    ['Enabled=0 fails', parts('"Enabled"=dword:00000000\r\n'), 'fail'],
    [
      'DisabledByDefault=1 fails',
      parts('"Enabled"=dword:ffffffff\r\n"DisabledByDefault"=dword:00000001\r\n'),
      'fail',
    ],
    [
      'SchUseStrongCrypto=0 in the 64-bit view warns',
      parts(ENABLED, '"SchUseStrongCrypto"=dword:00000000\r\n'),
      'warn',
    ],
    ['SchUseStrongCrypto missing in the 32-bit view warns', parts(ENABLED, STRONG, ''), 'warn'],
    ['the failure wins over the warning', parts('"Enabled"=dword:00000000\r\n', '', ''), 'fail'],
  ])('%s', (_name, p, expected) => {
    expect(judge(rule, p).status).toBe(expected);
  });

  it('treats an absent SCHANNEL Protocols key as not disabled and an absent .NET key as missing', () => {
    const f = judge(rule, {
      regSchannel: state('absent', 'registry/schannel-protocols.reg'),
      regNetfx: netfx(STRONG),
      regNetfxWow64: state('absent', 'registry/netfx-v4-wow64.reg'),
    } as Partial<Snapshot>);
    expect(f.status).toBe('warn');
    expect(f.summary).toBe(
      'SchUseStrongCrypto is missing or 0 in: 32-bit .NET (WOW6432Node); .NET 4 applications there may not use TLS 1.2.',
    );
  });

  it('points at the Enabled value and shows SystemDefaultTlsVersions', () => {
    const f = judge(rule, parts('"Enabled"=dword:00000000\r\n'));
    expect(f.summary).toContain('Enabled=0');
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      file: 'registry/schannel-protocols.reg',
      valueName: 'Enabled',
      value: '0',
      line: 13,
    });
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        file: 'registry/netfx-v4.reg',
        valueName: 'SystemDefaultTlsVersions',
        value: '1',
      }),
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when an export is %s',
    (st) => {
      expect(
        judge(rule, { ...parts(ENABLED), regNetfxWow64: state(st, 'registry/netfx-v4-wow64.reg') })
          .status,
      ).toBe('unknown');
      expect(
        judge(rule, {
          ...parts(ENABLED),
          regSchannel: state(st, 'registry/schannel-protocols.reg'),
        }).status,
      ).toBe('unknown');
    },
  );
});
