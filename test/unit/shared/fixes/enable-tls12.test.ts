// enable-tls12 on the healthy host with TLS 1.2\Client Enabled=0 and no SchUseStrongCrypto in the
// 32-bit .NET view: only those two values are written, each key exported first, undo restores 0 or
// deletes the missing value; reboot.
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseVariant, planOf, removeFixTemp, shape } from '../../../helpers/fix-hosts';
import { dword, findKey } from '../../../fixtures/lib/reg';

afterAll(removeFixTemp);

const TLS =
  '"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client"';
const WOW = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319';

describe('enable-tls12', () => {
  it('writes only the wrong values, after exporting their keys', async () => {
    const d = await diagnoseVariant('tls12-off', (spec) => {
      findKey(spec.registry['schannel-protocols'], 'TLS 1.2\\Client')!.values = [
        dword('Enabled', 0),
      ];
      const netfx = spec.registry['netfx-v4-wow64']![0]!;
      netfx.values = netfx.values.filter((v) => v.name !== 'SchUseStrongCrypto');
    });
    const plan = planOf(d, 'tls12-enabled');
    expect(shape(plan)).toEqual([
      {
        id: 'tls12-client-enabled',
        kind: 'change',
        command: `reg.exe add ${TLS} /v Enabled /t REG_DWORD /d 1 /f`,
        backup: `reg.exe export ${TLS} "<backup folder>\\schannel-tls12-client.reg" /y`,
        undo: `reg.exe add ${TLS} /v Enabled /t REG_DWORD /d 0 /f`,
        needsReboot: true,
      },
      {
        id: 'netfx-wow64-strong-crypto',
        kind: 'change',
        command: `reg.exe add ${WOW} /v SchUseStrongCrypto /t REG_DWORD /d 1 /f`,
        backup: `reg.exe export ${WOW} "<backup folder>\\netfx-v4-wow64.reg" /y`,
        undo: `reg.exe delete ${WOW} /v SchUseStrongCrypto /f`,
        needsReboot: true,
      },
    ]);
    expect(plan.needsReboot).toBe(true);
  });

  it('creates a missing TLS 1.2\\Client key without a backup, and says so', async () => {
    const d = await diagnoseVariant('tls12-default-off', (spec) => {
      const keys = spec.registry['schannel-protocols']!;
      spec.registry['schannel-protocols'] = keys.filter((k) => !k.path.endsWith('TLS 1.2\\Client'));
      const netfx = spec.registry['netfx-v4']![0]!;
      netfx.values = netfx.values.filter((v) => v.name !== 'SchUseStrongCrypto');
    });
    const plan = planOf(d, 'tls12-enabled');
    expect(shape(plan).map((s) => [s.id, s.backup !== null])).toEqual([
      ['netfx-strong-crypto', true],
    ]);
    expect(plan.notes).toEqual([]);
  });
});
