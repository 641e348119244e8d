import { describe, it, expect } from 'vitest';
import { ParseError } from '../../../../shared/parse/errors';
import {
  findKey,
  findValue,
  parseRegFile,
  regValueText,
  subKeys,
} from '../../../../shared/parse/reg-file';
import type { RegData, RegFile } from '../../../../shared/parse/reg-file';
import { decodeText } from '../../../../shared/parse/text-decode';
import { sample } from '../../../helpers/paths';

function load(name: string): { file: RegFile; encoding: string } {
  const { text, encoding } = decodeText(sample(`registry-reg/${name}`));
  return { file: parseRegFile(text), encoding };
}

/** UTF-16LE with BOM, as regedit writes it (BMP characters only). */
function utf16leWithBom(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

const MSCEP = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP';

describe('parseRegFile on real NDES exports', () => {
  it('reads ConfigurationStatus (UTF-16LE+BOM, CRLF)', () => {
    const { file, encoding } = load('Sleepw4lker-NDES-ConfigurationStatus.reg');
    expect(encoding).toBe('utf-16le');
    expect(file.header).toBe('REGEDIT5');
    expect(file.warnings).toEqual([]);
    const key = findKey(file, 'HKLM\\SOFTWARE\\Microsoft\\ADCS\\NDES');
    expect(key?.line).toBe(3);
    expect(findValue(key, 'configurationstatus')).toEqual({
      name: 'ConfigurationStatus',
      data: { type: 'REG_DWORD', value: 2 },
      line: 4,
    });
  });

  it('reads the MSCEP export with its subkey-per-value layout', () => {
    const { file, encoding } = load('Sleepw4lker-NDES-MSCEP-ws2022.reg');
    expect(encoding).toBe('utf-16le');
    expect(file.warnings).toEqual([]);
    expect(file.keys).toHaveLength(10);
    const root = findKey(file, MSCEP);
    expect(root?.values.map((v) => [v.name, regValueText(v.data)])).toEqual([
      ['SignatureTemplate', 'IPSECIntermediateOffline'],
      ['EncryptionTemplate', 'IPSECIntermediateOffline'],
      ['GeneralPurposeTemplate', 'IPSECIntermediateOffline'],
    ]);
    // `\\` in the export is one backslash in the CA config string.
    const config = findValue(
      findKey(file, 'hklm\\software\\microsoft\\cryptography\\mscep\\cainfo'),
      'Configuration',
    );
    expect(config?.data).toEqual({
      type: 'REG_SZ',
      value: 'CA03.intra.adcslabor.de\\ADCS Labor Issuing CA 2',
    });
    expect(config?.line).toBe(9);
    const vdir = findKey(file, `${MSCEP}\\PasswordVDir`);
    expect(findValue(vdir, 'PasswordVDir')?.data).toEqual({
      type: 'REG_SZ',
      value: 'CertSrv/mscep_admin',
    });
    // Hand-written upper-case hex digits: dword:0000003C = 60 days.
    const validity = findKey(
      file,
      `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\PasswordValidity`,
    );
    expect(findValue(validity, 'PasswordValidity')).toEqual({
      name: 'PasswordValidity',
      data: { type: 'REG_DWORD', value: 60 },
      line: 33,
    });
    expect(
      findValue(findKey(file, `${MSCEP}\\UseSinglePassword`), 'UseSinglePassword')?.data,
    ).toEqual({
      type: 'REG_DWORD',
      value: 0,
    });
    expect(
      subKeys(file, 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP').map((k) =>
        k.path.split('\\').pop(),
      ),
    ).toEqual([
      'CAInfo',
      'CAType',
      'CertsInMYStore',
      'EnforcePassword',
      'PasswordVDir',
      'UseSinglePassword',
      'PasswordLength',
      'PasswordMax',
      'PasswordValidity',
    ]);
    expect(findKey(file, `${MSCEP}\\Modules\\NDESPolicy`)).toBeUndefined();
  });
});

describe('parseRegFile on the regashii corpus', () => {
  const complex: [string, RegData][] = [
    ['binary-a', { type: 'REG_BINARY', hex: '61' }],
    ['binary-a-b', { type: 'REG_BINARY', hex: '6162' }],
    ['dword-0', { type: 'REG_DWORD', value: 0 }],
    ['dword-255', { type: 'REG_DWORD', value: 255 }],
    ['expand-sz', { type: 'REG_EXPAND_SZ', value: '' }],
    ['expand-sz-a', { type: 'REG_EXPAND_SZ', value: 'a' }],
    ['multi-sz', { type: 'REG_MULTI_SZ', value: [] }],
    ['multi-sz-a', { type: 'REG_MULTI_SZ', value: ['a'] }],
    ['multi-sz-a-b', { type: 'REG_MULTI_SZ', value: ['a', 'b'] }],
    ['qword-0', { type: 'REG_QWORD', value: '0' }],
    ['qword-255', { type: 'REG_QWORD', value: '255' }],
    ['sz-a', { type: 'REG_SZ', value: 'a' }],
    ['sz-sp\\ec"ial', { type: 'REG_SZ', value: 'sp\\ec"ial' }],
  ];

  it.each([
    ['regashii-complex-regedit5.reg', 'REGEDIT5', 'utf-16le'],
    ['regashii-complex-regedit4.reg', 'REGEDIT4', 'utf-8'],
  ])('reads every value type of %s', (name, header, encoding) => {
    const loaded = load(name);
    expect(loaded.encoding).toBe(encoding);
    const { file } = loaded;
    expect(file.header).toBe(header);
    expect(file.warnings).toEqual([]);
    expect(file.keys.map((k) => k.path)).toEqual([
      'HKEY_CURRENT_USER\\Software\\regashii\\complex',
    ]);
    const key = findKey(file, 'HKCU\\Software\\regashii\\complex');
    expect(key?.values.map((v) => [v.name, v.data])).toEqual(complex);
    expect(key?.values.map((v) => v.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('reads simple: comment, default value, value deletion and key deletion', () => {
    const { file } = load('regashii-simple-regedit5.reg');
    expect(file.warnings).toEqual([]);
    const key = findKey(file, 'HKEY_CURRENT_USER\\Software\\regashii\\simple');
    expect(findValue(key, '@')).toEqual({
      name: '',
      data: { type: 'REG_SZ', value: 'default' },
      line: 5,
    });
    expect(findValue(key, '')?.line).toBe(5);
    expect(findValue(key, 'dword-1')?.data).toEqual({ type: 'REG_DWORD', value: 1 });
    expect(findValue(key, 'remove')?.data).toEqual({ type: 'DELETE' });
    expect(key?.values).toHaveLength(5);
    const removed = findKey(file, 'hkcu\\software\\regashii\\remove');
    expect(removed).toEqual({
      path: 'HKEY_CURRENT_USER\\Software\\regashii\\remove',
      deleted: true,
      values: [],
      line: 11,
    });
    // Deletion entries are not live children.
    expect(subKeys(file, 'HKCU\\Software\\regashii').map((k) => k.path)).toEqual([
      'HKEY_CURRENT_USER\\Software\\regashii\\simple',
    ]);
  });

  it('reads irregular: header comment, "]" in key name, continuations with comments, hex(1)', () => {
    const { file, encoding } = load('regashii-irregular-regedit5.reg');
    expect(encoding).toBe('utf-8');
    expect(file.header).toBe('REGEDIT5');
    expect(file.keys).toHaveLength(1);
    const key = file.keys[0];
    // The key ends at the last "]"; the empty path segment of "\\irre" collapses.
    expect(key?.path).toBe('HKEY_CURRENT_USER\\Software\\regashii\\irre]";gular');
    expect(findKey(file, 'HKCU\\Software\\regashii\\irre]";gular')).toBe(key);
    expect(key?.values.map((v) => [v.name, v.data, v.line])).toEqual([
      ['', { type: 'REG_SZ', value: '' }, 4],
      ['dword', { type: 'REG_OTHER', rawType: 4, hex: '00' }, 5],
      ['sz-line-break', { type: 'REG_SZ', value: 'a\nb' }, 6],
      ['hex-continuations', { type: 'REG_BINARY', hex: '000102' }, 7],
      ['semi;colons', { type: 'REG_SZ', value: 'and"quotes;' }, 10],
      [
        'hex-continuations-with-long-name ............................................ end',
        {
          type: 'REG_BINARY',
          hex: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
        },
        12,
      ],
    ]);
    expect(file.warnings).toEqual([
      'line 11: value "invalid-backslash" has an invalid dword "dword:00000000\\"; ignored',
    ]);
  });

  it('reads japanese key and value names', () => {
    const { file } = load('regashii-japanese-regedit5.reg');
    expect(file.warnings).toEqual([]);
    const key = findKey(file, 'hkcu\\SOFTWARE\\REGASHII\\日本語');
    expect(key?.path).toBe('HKEY_CURRENT_USER\\Software\\regashii\\日本語');
    expect(findValue(key, 'sz-あ')?.data).toEqual({ type: 'REG_SZ', value: 'あ' });
    expect(findValue(key, 'expand-sz')?.data).toEqual({ type: 'REG_EXPAND_SZ', value: 'あ' });
    expect(findValue(key, 'multi-sz-1')?.data).toEqual({ type: 'REG_MULTI_SZ', value: ['あ'] });
    expect(regValueText(findValue(key, 'multi-sz-2')!.data)).toBe('あ | い');
  });

  it('separates multi-sz strings with or without terminators', () => {
    const { file } = load('regashii-multi-sz-separation-regedit5.reg');
    const key = findKey(file, 'HKCU\\Software\\regashii\\multi-sz-separation');
    expect(
      key?.values.map((v) => [v.name, v.data.type === 'REG_MULTI_SZ' ? v.data.value : null]),
    ).toEqual([
      ['a', ['a']],
      ['a-_', ['a']],
      ['a-_-b', ['a', '', 'b']],
      ['a-b', ['a', 'b']],
      ['a-b-_', ['a', 'b']],
    ]);
  });
});

describe('parseRegFile on synthetic files', () => {
  const synthetic = [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector]',
    '"SigningCertificate"="A1B2"',
    '"Path"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,74,00,\\',
    '  25,00,00,00',
    '"Max"=hex(b):ff,ff,ff,ff,ff,ff,ff,ff',
    '"Big"=dword:ffffffff',
    '"a=b"="x=y"',
    '"None"=hex(0):',
    '"Links"=hex(6):01,02',
    '',
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]',
    '"MaxFieldLength"=dword:0000fffe',
    '"MaxRequestBytes"=dword:0000fffe',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector]',
    '"SigningCertificate"="C3D4"',
    '',
  ].join('\r\n');

  it('decodes and parses a UTF-16LE+BOM+CRLF export built here', () => {
    const { text, encoding } = decodeText(utf16leWithBom(synthetic));
    expect(encoding).toBe('utf-16le');
    const file = parseRegFile(text);
    const connector = findKey(file, 'HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector');
    expect(findValue(connector, 'Path')).toEqual({
      name: 'Path',
      data: { type: 'REG_EXPAND_SZ', value: '%SystemRoot%' },
      line: 5,
    });
    // REG_QWORD beyond 2^53 stays exact.
    expect(findValue(connector, 'max')?.data).toEqual({
      type: 'REG_QWORD',
      value: '18446744073709551615',
    });
    expect(findValue(connector, 'Big')?.data).toEqual({ type: 'REG_DWORD', value: 4294967295 });
    expect(findValue(connector, 'a=b')?.data).toEqual({ type: 'REG_SZ', value: 'x=y' });
    expect(findValue(connector, 'None')?.data).toEqual({ type: 'REG_NONE', hex: '' });
    expect(findValue(connector, 'Links')?.data).toEqual({
      type: 'REG_OTHER',
      rawType: 6,
      hex: '0102',
    });
    const http = findKey(
      file,
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters',
    );
    expect(regValueText(findValue(http, 'MaxFieldLength')!.data)).toBe('65534');
  });

  it('merges a repeated key block; the later value wins, with warnings', () => {
    const file = parseRegFile(synthetic);
    expect(file.keys).toHaveLength(2);
    const connector = findKey(file, 'hklm\\software\\microsoft\\microsoftintune\\ndesconnector');
    expect(connector?.line).toBe(3);
    expect(findValue(connector, 'SigningCertificate')).toEqual({
      name: 'SigningCertificate',
      data: { type: 'REG_SZ', value: 'C3D4' },
      line: 18,
    });
    expect(file.warnings).toEqual([
      'line 17: key "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector" repeats line 3; merged into one key',
      'line 18: value "SigningCertificate" in "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector" set again (first at line 4); the later value wins',
    ]);
  });

  it('decodes REGEDIT4 string types as ANSI bytes', () => {
    const file = parseRegFile(
      'REGEDIT4\n\n[HKEY_CURRENT_USER\\X]\n"e"=hex(2):63,61,66,e9,00\n"m"=hex(7):80,00,00\n',
    );
    const key = findKey(file, 'HKCU\\X');
    expect(findValue(key, 'e')?.data).toEqual({ type: 'REG_EXPAND_SZ', value: 'café' });
    expect(findValue(key, 'm')?.data).toEqual({ type: 'REG_MULTI_SZ', value: ['€'] });
  });

  it('keeps values complete before a file cut inside a hex continuation', () => {
    const whole = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP]',
      '"Start"=dword:00000003',
      '"FailureActions"=hex:80,51,01,00,00,00,00,00,00,00,00,00,03,00,00,00,14,00,00,\\',
      '  00,01,00,00,00,60,ea,00,00,01,00,00,00,60,ea,00,00,00,00,00,00,00,00,00,00',
      '',
    ].join('\r\n');
    const bytes = utf16leWithBom(whole);
    // Cut in the middle of the continuation line, half-way through a UTF-16 code unit.
    const chars = whole.lastIndexOf('60,ea') + 4;
    const cut = decodeText(bytes.subarray(0, 2 + chars * 2 + 1));
    expect(cut.text.endsWith('01,00,00,00,60,e')).toBe(true);
    const file = parseRegFile(cut.text);
    const key = findKey(file, 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP');
    expect(key?.values.map((v) => v.name)).toEqual(['Start']);
    expect(file.warnings).toEqual([
      'line 5: value "FailureActions" is truncated at line 6; ignored',
    ]);
    // Cut right after the continuation backslash.
    const atBackslash = parseRegFile(whole.slice(0, whole.indexOf('\\\r\n  00') + 1));
    expect(
      findKey(atBackslash, 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP')?.values,
    ).toHaveLength(1);
    expect(atBackslash.warnings).toEqual([
      'line 5: value "FailureActions" is truncated (file ends inside a hex continuation); ignored',
    ]);
    // The complete file has both values.
    expect(
      findKey(parseRegFile(whole), 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP')?.values[1]
        ?.data,
    ).toEqual({
      type: 'REG_BINARY',
      hex: '80510100000000000000000003000000140000000100000060ea00000100000060ea00000000000000000000',
    });
  });

  it('warns about a continuation that never comes and keeps the next value', () => {
    const file = parseRegFile(
      'Windows Registry Editor Version 5.00\n[HKEY_CURRENT_USER\\X]\n"a"=hex:01,\\\n"b"="ok"\n',
    );
    expect(findKey(file, 'HKCU\\X')?.values.map((v) => v.name)).toEqual(['b']);
    expect(file.warnings).toEqual([
      'line 3: value "a" is incomplete (line 4 does not continue its hex data); ignored',
    ]);
  });

  it('reports values outside keys, unterminated strings and stray lines', () => {
    const file = parseRegFile(
      [
        'Windows Registry Editor Version 5.00',
        '"orphan"="x"',
        '[HKEY_CURRENT_USER\\X]',
        '"open"="no end',
        'garbage here',
        '"hex"=hex:zz',
        '"ok"=hex(7):6f,00,6b,00,00,00,00,00',
        '[-HKEY_CURRENT_USER\\Y]',
        '"under-deleted"="x"',
      ].join('\n'),
    );
    expect(findValue(findKey(file, 'HKCU\\X'), 'ok')?.data).toEqual({
      type: 'REG_MULTI_SZ',
      value: ['ok'],
    });
    expect(file.warnings).toEqual([
      'line 2: value outside any valid key ignored',
      'line 4: value "open" has an unterminated string; ignored',
      'line 5: unrecognised line ignored',
      'line 6: value "hex" has malformed hex data; ignored',
      'line 9: value under deleted key "HKEY_CURRENT_USER\\Y" ignored',
    ]);
  });

  it('throws ParseError without the header, for 0 bytes and for binary garbage', () => {
    const message = 'not a registry export: missing "Windows Registry Editor Version 5.00" header';
    expect(() => parseRegFile('[HKEY_CURRENT_USER\\X]\r\n"a"="b"\r\n')).toThrow(message);
    expect(() => parseRegFile(decodeText(new Uint8Array(0)).text)).toThrow(ParseError);
    let seed = 7;
    const garbage = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    expect(() => parseRegFile(decodeText(garbage).text)).toThrow(message);
  });

  it('renders display text for every data kind', () => {
    expect(regValueText({ type: 'REG_SZ', value: 'x y' })).toBe('x y');
    expect(regValueText({ type: 'REG_DWORD', value: 0xfffe })).toBe('65534');
    expect(regValueText({ type: 'REG_QWORD', value: '18446744073709551615' })).toBe(
      '18446744073709551615',
    );
    expect(regValueText({ type: 'REG_MULTI_SZ', value: ['SHA-512', 'SHA-256', 'AES'] })).toBe(
      'SHA-512 | SHA-256 | AES',
    );
    expect(regValueText({ type: 'REG_BINARY', hex: '0a0b' })).toBe('0a0b');
    expect(regValueText({ type: 'REG_OTHER', rawType: 8, hex: 'ff' })).toBe('ff');
  });

  it('accepts HKLM:\\ and Computer\\ prefixes in lookups', () => {
    const { file } = load('Sleepw4lker-NDES-ConfigurationStatus.reg');
    expect(findKey(file, 'HKLM:\\SOFTWARE\\Microsoft\\ADCS\\NDES\\')?.line).toBe(3);
    expect(
      findKey(file, 'Computer\\HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS\\NDES')?.line,
    ).toBe(3);
    expect(findValue(undefined, 'x')).toBeUndefined();
  });
});
