import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/httpsys-max-request-bytes';
import { judge, reg, state } from '../../../helpers/snapshot';

const KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]';
const FILE = 'registry/http-parameters.reg';

describe('httpsys-max-request-bytes', () => {
  it.each([
    ['65534 passes', `${KEY}\r\n"MaxRequestBytes"=dword:0000fffe\r\n`, 'pass'],
    ['65535 passes', `${KEY}\r\n"MaxRequestBytes"=dword:0000ffff\r\n`, 'pass'],
    ['16384 fails', `${KEY}\r\n"MaxRequestBytes"=dword:00004000\r\n`, 'fail'],
    ['65533 fails', `${KEY}\r\n"MaxRequestBytes"=dword:0000fffd\r\n`, 'fail'],
    [
      'missing value fails (default 16384)',
      `${KEY}\r\n"MaxFieldLength"=dword:0000fffe\r\n`,
      'fail',
    ],
    ['missing key fails', '', 'fail'],
  ])('%s', (_name, body, expected) => {
    expect(judge(rule, { regHttpParameters: reg(body, FILE) }).status).toBe(expected);
  });

  it('points at the registry value and names it in the summary', () => {
    const f = judge(rule, {
      regHttpParameters: reg(
        `${KEY}\r\n"MaxFieldLength"=dword:0000fffe\r\n"MaxRequestBytes"=dword:00004000\r\n`,
        FILE,
      ),
    });
    expect(f.summary).toBe(
      'MaxRequestBytes is 16384, below the 65534 that long SCEP requests need.',
    );
    expect(f.fixes[0]?.wizard).toBe('set-httpsys-limits');
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      file: FILE,
      valueName: 'MaxRequestBytes',
      value: '16384',
      line: 5,
    });
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the export is %s',
    (st) => {
      expect(judge(rule, { regHttpParameters: state(st, FILE) }).status).toBe('unknown');
    },
  );
});
