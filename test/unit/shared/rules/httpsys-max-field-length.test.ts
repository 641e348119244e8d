import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/httpsys-max-field-length';
import { judge, reg, state } from '../../../helpers/snapshot';

const KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]';

describe('httpsys-max-field-length', () => {
  it.each([
    ['65534 passes', `${KEY}\r\n"MaxFieldLength"=dword:0000fffe\r\n`, 'pass'],
    ['65535 passes', `${KEY}\r\n"MaxFieldLength"=dword:0000ffff\r\n`, 'pass'],
    ['16384 fails', `${KEY}\r\n"MaxFieldLength"=dword:00004000\r\n`, 'fail'],
    [
      'missing value fails (default 16384)',
      `${KEY}\r\n"MaxRequestBytes"=dword:0000fffe\r\n`,
      'fail',
    ],
    ['missing key fails', '', 'fail'],
  ])('%s', (_name, body, expected) => {
    expect(
      judge(rule, { regHttpParameters: reg(body, 'registry/http-parameters.reg') }).status,
    ).toBe(expected);
  });

  it('points at the registry value', () => {
    const f = judge(rule, {
      regHttpParameters: reg(
        `${KEY}\r\n"MaxFieldLength"=dword:00004000\r\n`,
        'registry/http-parameters.reg',
      ),
    });
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      file: 'registry/http-parameters.reg',
      valueName: 'MaxFieldLength',
      value: '16384',
      line: 4,
    });
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the export is %s',
    (st) => {
      expect(
        judge(rule, { regHttpParameters: state(st, 'registry/http-parameters.reg') }).status,
      ).toBe('unknown');
    },
  );
});
