import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/dotnet-472-or-later';
import { judge, reg, state } from '../../../helpers/snapshot';

const KEY = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full]';
/** The NDP\v4\Full export as `reg export` writes it, with the given Release line. */
const ndp = (release: string) =>
  reg(
    `${KEY}\r\n"CBS"=dword:00000001\r\n"Install"=dword:00000001\r\n"InstallPath"="C:\\\\Windows\\\\Microsoft.NET\\\\Framework64\\\\v4.0.30319\\\\"\r\n${release}"Servicing"=dword:00000000\r\n"TargetVersion"="4.0.0"\r\n"Version"="4.8.04084"\r\n`,
    'registry/dotnet-ndp-v4-full.reg',
  );

describe('dotnet-472-or-later', () => {
  it.each([
    ['4.8 on Server 2022 (528449) passes', '"Release"=dword:00081041\r\n', 'pass'],
    ['4.7.2 exactly (461808) passes', '"Release"=dword:00070bf0\r\n', 'pass'],
    ['4.7.1 (461310) fails', '"Release"=dword:000709fe\r\n', 'fail'],
    ['4.6.2 (394806) fails', '"Release"=dword:00060636\r\n', 'fail'],
    ['a missing Release value fails', '', 'fail'],
  ])('%s', (_name, release, expected) => {
    expect(judge(rule, { regDotnet: ndp(release) }).status).toBe(expected);
  });

  it('decodes the Release into a version and points at the value', () => {
    const f = judge(rule, { regDotnet: ndp('"Release"=dword:000709fe\r\n') });
    expect(f.summary).toBe('Release is 461310 (.NET Framework 4.7.1), below 461808 (4.7.2).');
    expect(f.decoded).toEqual([{ raw: 'Release 461310', meaning: '.NET Framework 4.7.1' }]);
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      file: 'registry/dotnet-ndp-v4-full.reg',
      valueName: 'Release',
      value: '461310',
      line: 7,
    });
  });

  it('decodes 4.8 on a pass', () => {
    const f = judge(rule, { regDotnet: ndp('"Release"=dword:00081041\r\n') });
    expect(f.summary).toBe('Release is 528449 (.NET Framework 4.8), at least 461808 (4.7.2).');
  });

  it('fails when the key is absent (no .NET 4.5 or later)', () => {
    const f = judge(rule, { regDotnet: state('absent', 'registry/dotnet-ndp-v4-full.reg') });
    expect(f.status).toBe('fail');
    expect(f.summary).toContain('does not exist');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the export is %s',
    (st) => {
      expect(judge(rule, { regDotnet: state(st, 'registry/dotnet-ndp-v4-full.reg') }).status).toBe(
        'unknown',
      );
    },
  );
});
