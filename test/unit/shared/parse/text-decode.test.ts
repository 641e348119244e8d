import { describe, it, expect } from 'vitest';
import { decodeText, decodeWindows1252, splitLines } from '../../../../shared/parse/text-decode';
import { sample } from '../../../helpers/paths';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
/** UTF-16LE code units of a BMP string. */
const utf16le = (s: string): number[] =>
  [...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);

describe('decodeText', () => {
  it('decodes a UTF-16LE+BOM regedit export and strips the BOM', () => {
    const { text, encoding } = decodeText(sample('registry-reg/Sleepw4lker-NDES-MSCEP-ws2022.reg'));
    expect(encoding).toBe('utf-16le');
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(text).toContain('"PasswordVDir"="CertSrv/mscep_admin"');
  });

  it('decodes a UTF-16LE+BOM secedit export', () => {
    const { text, encoding } = decodeText(
      sample('secedit-inf/Tsumihara-STIG-secpol.cfg-secedit-export-utf16le.inf'),
    );
    expect(encoding).toBe('utf-16le');
    expect(text.slice(0, 9)).toBe('[Unicode]');
  });

  it('finds UTF-16LE without a BOM by its zero bytes', () => {
    const withBom = sample('registry-reg/regashii-japanese-regedit5.reg');
    const { text, encoding } = decodeText(withBom.subarray(2));
    expect(encoding).toBe('utf-16le');
    expect(text).toContain('[HKEY_CURRENT_USER\\Software\\regashii\\日本語]');
  });

  it('handles UTF-16BE with and without BOM', () => {
    const be = utf16le('[Unicode]\r\n').flatMap((_, i, a) => [a[i ^ 1] ?? 0]);
    expect(decodeText(bytes(0xfe, 0xff, ...be))).toEqual({
      text: '[Unicode]\r\n',
      encoding: 'utf-16be',
    });
    expect(decodeText(bytes(...be))).toEqual({ text: '[Unicode]\r\n', encoding: 'utf-16be' });
  });

  it('drops a lone trailing byte of a truncated UTF-16 file instead of throwing', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0x42))).toEqual({
      text: 'A',
      encoding: 'utf-16le',
    });
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x00))).toEqual({
      text: 'A',
      encoding: 'utf-16be',
    });
  });

  it('keeps plain UTF-8 and strips a UTF-8 BOM', () => {
    const irregular = decodeText(sample('registry-reg/regashii-irregular-regedit5.reg'));
    expect(irregular.encoding).toBe('utf-8');
    expect(irregular.text).toContain('"semi;colons"="and\\"quotes;";blah');
    const bom = decodeText(bytes(0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9));
    expect(bom).toEqual({ text: 'café', encoding: 'utf-8-bom' });
  });

  it('falls back to windows-1252 for invalid UTF-8 (REGEDIT4 / ANSI text)', () => {
    expect(decodeText(bytes(...ascii('caf'), 0xe9, 0x80))).toEqual({
      text: 'café€',
      encoding: 'windows-1252',
    });
    expect(decodeText(sample('registry-reg/regashii-complex-regedit4.reg')).encoding).toBe('utf-8');
  });

  it('uses the OEM code page requested for cmd.exe redirection', () => {
    // 0x82 = é in both OEM pages; 0x9b = ø in cp850 but ¢ in cp437.
    const oem = bytes(...ascii('Zertifikat '), 0x82, 0x9b);
    expect(decodeText(oem, { fallback: 'cp850' })).toEqual({
      text: 'Zertifikat éø',
      encoding: 'cp850',
    });
    expect(decodeText(oem, { fallback: 'cp437' })).toEqual({
      text: 'Zertifikat é¢',
      encoding: 'cp437',
    });
  });

  it('returns empty UTF-8 text for 0 bytes', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F to the windows-1252 characters, not Latin-1 controls', () => {
    expect(decodeWindows1252(bytes(0x80, 0x92, 0x93, 0x94, 0x9f, 0xe9))).toBe('€’“”Ÿé');
  });

  it('decodes inputs longer than one chunk', () => {
    const big = new Uint8Array(20_000).fill(0x41);
    big[19_999] = 0x80;
    const text = decodeWindows1252(big);
    expect(text.length).toBe(20_000);
    expect(text.endsWith('A€')).toBe(true);
  });
});

describe('splitLines', () => {
  it('splits CRLF, LF and lone CR, without a phantom last line', () => {
    expect(splitLines('a\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\r\n\r\nb\r\n')).toEqual(['a', '', 'b']);
    expect(splitLines('x\r')).toEqual(['x']);
    expect(splitLines('')).toEqual([]);
  });

  it('gives editor line numbers for a real CRLF export', () => {
    const lines = splitLines(
      decodeText(sample('registry-reg/Sleepw4lker-NDES-ConfigurationStatus.reg')).text,
    );
    expect(lines).toEqual([
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS\\NDES]',
      '"ConfigurationStatus"=dword:00000002',
      '',
    ]);
  });
});
