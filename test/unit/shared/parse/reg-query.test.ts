import { describe, it, expect } from 'vitest';
import { ParseError } from '../../../../shared/parse/errors';
import { findKey, findValue, subKeys } from '../../../../shared/parse/reg-file';
import { parseRegQuery } from '../../../../shared/parse/reg-query';
import { decodeText } from '../../../../shared/parse/text-decode';
import { sample } from '../../../helpers/paths';

const LSA = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa';

describe('parseRegQuery on the LSA sample', () => {
  const { text, encoding } = decodeText(sample('command-output/reg-query-lsa-example.txt'));
  const file = parseRegQuery(text);

  it('reads the key, its 23 values and skips the transcript prompt', () => {
    expect(encoding).toBe('utf-8');
    expect(file.header).toBe('REGEDIT5');
    expect(file.warnings).toEqual([]);
    const lsa = findKey(file, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa');
    expect(lsa?.path).toBe(LSA);
    expect(lsa?.line).toBe(3);
    expect(lsa?.values).toHaveLength(23);
    expect(lsa?.values[0]).toEqual({
      name: 'auditbasedirectories',
      data: { type: 'REG_DWORD', value: 0 },
      line: 4,
    });
    expect(findValue(lsa, 'LsaPid')?.data).toEqual({ type: 'REG_DWORD', value: 0x498 });
    expect(findValue(lsa, 'Bounds')?.data).toEqual({ type: 'REG_BINARY', hex: '0030000000200000' });
    // Names with spaces are split on the type column.
    expect(findValue(lsa, 'authentication packages')?.data).toEqual({
      type: 'REG_MULTI_SZ',
      value: ['msv1_0'],
    });
    // LSA really stores the two characters "" in Security Packages.
    expect(findValue(lsa, 'Security Packages')?.data).toEqual({
      type: 'REG_MULTI_SZ',
      value: ['""'],
    });
    expect(findValue(lsa, 'LsaCfgFlags')?.line).toBe(26);
  });

  it('lists the empty subkeys of /s output', () => {
    const children = subKeys(file, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa');
    expect(children).toHaveLength(19);
    expect(children[0]).toEqual({
      path: `${LSA}\\AccessProviders`,
      deleted: false,
      values: [],
      line: 28,
    });
    expect(children.map((k) => k.path.slice(LSA.length + 1))).toContain('MSV1_0');
    expect(file.keys).toHaveLength(20);
  });
});

describe('parseRegQuery on synthetic output', () => {
  const out = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP',
    '    (Standard)    REG_SZ    Vorgabe',
    '    EncryptionTemplate    REG_SZ    NDES-Intune',
    '    Empty    REG_SZ    ',
    '    Empty2    REG_SZ',
    '    Path    REG_EXPAND_SZ    %SystemRoot%\\system32',
    '    CACapabilitiesAlgorithms    REG_MULTI_SZ    SHA-512\\0SHA-256\\0AES',
    '    NoList    REG_MULTI_SZ    ',
    '    Counter    REG_QWORD    0xffffffffffffffff',
    '    Be    REG_DWORD_BIG_ENDIAN    0x00000001',
    '    Broken    REG_DWORD    banana',
    '    not a value line',
    '',
    'End of search: 8 match(es) found.',
  ].join('\r\n');

  it('maps every column form to typed data', () => {
    const file = parseRegQuery(out);
    const key = findKey(file, 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP');
    // A localized "(Default)" label is the default value.
    expect(findValue(key, '@')).toEqual({
      name: '',
      data: { type: 'REG_SZ', value: 'Vorgabe' },
      line: 3,
    });
    expect(findValue(key, 'EncryptionTemplate')?.data).toEqual({
      type: 'REG_SZ',
      value: 'NDES-Intune',
    });
    expect(findValue(key, 'Empty')?.data).toEqual({ type: 'REG_SZ', value: '' });
    expect(findValue(key, 'Empty2')?.data).toEqual({ type: 'REG_SZ', value: '' });
    expect(findValue(key, 'Path')?.data).toEqual({
      type: 'REG_EXPAND_SZ',
      value: '%SystemRoot%\\system32',
    });
    expect(findValue(key, 'CACapabilitiesAlgorithms')?.data).toEqual({
      type: 'REG_MULTI_SZ',
      value: ['SHA-512', 'SHA-256', 'AES'],
    });
    expect(findValue(key, 'NoList')?.data).toEqual({ type: 'REG_MULTI_SZ', value: [] });
    expect(findValue(key, 'Counter')?.data).toEqual({
      type: 'REG_QWORD',
      value: '18446744073709551615',
    });
    expect(findValue(key, 'Be')).toBeUndefined();
    expect(file.warnings).toEqual([
      'line 11: REG_DWORD_BIG_ENDIAN data "0x00000001" not understood; ignored',
      'line 12: REG_DWORD data "banana" not understood; ignored',
      'line 13: unrecognised value line ignored',
    ]);
  });

  it('reads UTF-16LE output redirected by Windows PowerShell 5.1', () => {
    const units = [0xfeff, ...[...out].map((c) => c.charCodeAt(0))];
    const bytes = new Uint8Array(units.flatMap((u) => [u & 0xff, u >> 8]));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('utf-16le');
    const key = findKey(
      parseRegQuery(text),
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP',
    );
    expect(findValue(key, 'EncryptionTemplate')?.line).toBe(4);
  });

  it('treats the CR CR LF of some cmd.exe redirections as one line break', () => {
    const file = parseRegQuery(out.replace(/\r\n/g, '\r\r\n'));
    const key = findKey(file, 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP');
    expect(findValue(key, 'EncryptionTemplate')).toEqual({
      name: 'EncryptionTemplate',
      data: { type: 'REG_SZ', value: 'NDES-Intune' },
      line: 4,
    });
  });

  it('turns a missing key into a warning, not a crash', () => {
    const file = parseRegQuery(
      'ERROR: The system was unable to find the specified registry key or value.\r\n',
    );
    expect(file.keys).toEqual([]);
    expect(file.warnings).toEqual([
      'line 1: ERROR: The system was unable to find the specified registry key or value.',
    ]);
  });

  it('throws ParseError for empty input and binary garbage', () => {
    expect(() => parseRegQuery('')).toThrow(ParseError);
    const garbage = Uint8Array.from({ length: 2048 }, (_, i) => (i * 151 + 17) & 0xff);
    expect(() => parseRegQuery(decodeText(garbage).text)).toThrow(
      'not reg query output: no HKEY_... key line found',
    );
  });
});
