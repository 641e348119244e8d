import { describe, it, expect } from 'vitest';
import { ParseError } from '../../../../shared/parse/errors';
import { commandLines, splitLabelValue } from '../../../../shared/parse/command-text';
import {
  parseCertutilPing,
  parseCertutilStore,
  parseCertutilTemplates,
} from '../../../../shared/parse/certutil';
import { parseNetshSslCert } from '../../../../shared/parse/netsh-sslcert';
import { parseScQc } from '../../../../shared/parse/sc-qc';
import { parseSetspn } from '../../../../shared/parse/setspn';
import {
  parseTemplateAttributes,
  parseTemplateExtensions,
} from '../../../../shared/parse/template-attributes';

describe('commandLines', () => {
  it('strips the BOM and ends lines at CRLF, LF and the doubled CR of some redirections', () => {
    expect(commandLines('\ufeffa\r\nb\nc\r\r\nd', 'x')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives no lines for empty or blank text', () => {
    expect(commandLines('', 'x')).toEqual([]);
    expect(commandLines('\ufeff\r\n  \r\n', 'x')).toEqual([]);
  });

  it('refuses UTF-16 read as 8-bit text (NULs) with a ParseError naming the command', () => {
    const utf16AsLatin1 = 'S\u0000e\u0000r\u0000v\u0000e\u0000r\u0000';
    expect(() => commandLines(utf16AsLatin1, 'certutil -ping')).toThrow(
      /certutil -ping: binary content/,
    );
    expect(() => commandLines(utf16AsLatin1, 'x')).toThrow(ParseError);
  });

  it('tolerates a few stray replacement characters in otherwise normal text', () => {
    const text = `Port IP : 0.0.0.0:443 caf\ufffd\n${'    Hash : ab\n'.repeat(20)}`;
    expect(commandLines(text, 'x')).toHaveLength(22);
  });
});

describe('splitLabelValue', () => {
  it('splits at the padded colon, not the colons inside labels or values', () => {
    expect(splitLabelValue('    IP:port                      : [::]:443')).toEqual({
      label: 'IP:port',
      value: '[::]:443',
    });
    expect(splitLabelValue('Cert Hash(sha1): 56195db0')).toEqual({
      label: 'Cert Hash(sha1)',
      value: '56195db0',
    });
    expect(splitLabelValue('    LOAD_ORDER_GROUP   :')).toEqual({
      label: 'LOAD_ORDER_GROUP',
      value: '',
    });
    expect(splitLabelValue('PS C:\\WINDOWS\\system32> netsh http show sslcert')).toBeNull();
  });
});

describe('every command parser on pathological text', () => {
  const nasty = [
    ' '.repeat(200_000),
    '='.repeat(200_000),
    `    a${' '.repeat(100_000)}b`,
    `a${' = '.repeat(50_000)}`,
    `Template=${'a '.repeat(50_000)}`,
    `x:${' :'.repeat(50_000)}`,
    '\n'.repeat(100_000),
    '    Port : 443\n\n'.repeat(20_000),
  ];
  const parsers: ((t: string) => unknown)[] = [
    parseNetshSslCert,
    parseSetspn,
    parseScQc,
    parseCertutilPing,
    parseCertutilTemplates,
    parseCertutilStore,
    parseTemplateAttributes,
    parseTemplateExtensions,
  ];

  it('finishes quickly without throwing anything but ParseError', () => {
    const started = Date.now();
    for (const text of nasty) {
      for (const parse of parsers) {
        try {
          parse(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
