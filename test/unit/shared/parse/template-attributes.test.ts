import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { ParseError } from '../../../../shared/parse/errors';
import {
  parseTemplateAttributes,
  parseTemplateExtensions,
} from '../../../../shared/parse/template-attributes';

const SAMPLE = new TextDecoder().decode(
  sample('certificates/ndes-ra-template-attributes-excerpts.txt'),
);

function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('parseTemplateAttributes on the NDES RA template excerpts', () => {
  const templates = parseTemplateAttributes(SAMPLE);
  const cep = templates.find((t) => t.name === 'CEPEncryption');
  const eao = templates.find((t) => t.name === 'EnrollmentAgentOffline');

  it('finds exactly the two RA templates', () => {
    expect(templates.map((t) => [t.name, t.displayName, t.line])).toEqual([
      ['CEPEncryption', 'CEP Encryption', 4],
      ['EnrollmentAgentOffline', 'Exchange Enrollment Agent (Offline request)', 16],
    ]);
  });

  it('CEPEncryption: keyEncipherment, AT_KEYEXCHANGE, SChannel CSP', () => {
    expect(cep?.keyUsageBytes).toEqual([32, 0]);
    expect(cep?.keyUsage).toEqual(['keyEncipherment']);
    expect(cep?.ekus).toEqual(['1.3.6.1.4.1.311.20.2.1']);
    expect(cep?.criticalExtensions).toEqual(['2.5.29.15']);
    expect(cep?.defaultKeySpec).toBe(1);
    expect(cep?.defaultCsps).toEqual(['Microsoft RSA SChannel Cryptographic Provider']);
    expect(cep?.schemaVersion).toBe(1);
    expect(cep?.minimalKeySize).toBe(2048);
    expect(cep?.certificateNameFlag).toBe(1);
    expect(cep?.flags).toBe(66113);
  });

  it('EnrollmentAgentOffline: digitalSignature, AT_SIGNATURE, three CSPs by priority', () => {
    expect(eao?.keyUsageBytes).toEqual([128, 0]);
    expect(eao?.keyUsage).toEqual(['digitalSignature']);
    expect(eao?.ekus).toEqual(['1.3.6.1.4.1.311.20.2.1']);
    expect(eao?.defaultKeySpec).toBe(2);
    expect(eao?.flags).toBe(66049);
    expect(eao?.defaultCsps).toEqual([
      'Microsoft Enhanced Cryptographic Provider v1.0',
      'Microsoft Base Cryptographic Provider v1.0',
      'Microsoft Base DSS Cryptographic Provider',
    ]);
    expect(eao?.attributes).toHaveLength(11);
  });
});

describe('parseTemplateExtensions on the same file', () => {
  it('reads the certutil multi-line and the Format(0) one-line renderings', () => {
    expect(parseTemplateExtensions(SAMPLE)).toEqual([
      {
        templateName: null,
        templateOid:
          '1.3.6.1.4.1.311.21.8.15886664.4298044.8996776.14853544.7902291.169.5191136.12906913',
        majorVersion: 100,
        minorVersion: 5,
        line: 30,
      },
      {
        templateName: 'Web Server',
        templateOid: '1.3.6.1.4.1.311.21.8.5734392.6195358.14893705.12992936.3444946.62.1.16',
        majorVersion: 100,
        minorVersion: 5,
        line: 34,
      },
      {
        templateName: null,
        templateOid:
          '1.3.6.1.4.1.311.21.8.15431357.2613787.6440092.16459852.14380503.11.12399345.16691736',
        majorVersion: 100,
        minorVersion: 5,
        line: 35,
      },
    ]);
  });
});

describe('parseTemplateAttributes', () => {
  it('reads an ldp dump: numbered lines, hex key usage, multi-valued EKUs', () => {
    const [t] = parseTemplateAttributes(
      [
        'Dn: CN=IntuneSCEP,CN=Certificate Templates,CN=Public Key Services,CN=Services,CN=Configuration,DC=corp,DC=com',
        '\t1> name: IntuneSCEP;',
        '\t1> pKIKeyUsage: 0xa0 0x00;',
        '\t2> pKIExtendedKeyUsage: 1.3.6.1.5.5.7.3.2; 1.3.6.1.4.1.311.20.2.2;',
        '\t1> msPKI-Template-Schema-Version: 2;',
      ].join('\r\n'),
    );
    expect(t?.name).toBe('IntuneSCEP');
    expect(t?.schemaVersion).toBe(2);
    expect(t?.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(t?.ekus).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.4.1.311.20.2.2']);
  });

  it('gives [] for empty text and throws ParseError on binary garbage', () => {
    expect(parseTemplateAttributes('')).toEqual([]);
    expect(parseTemplateExtensions('')).toEqual([]);
    for (let seed = 1; seed <= 5; seed++) {
      const bytes = garbage(4096, seed);
      expect(() => parseTemplateAttributes(new TextDecoder('latin1').decode(bytes))).toThrow(
        ParseError,
      );
      expect(() => parseTemplateExtensions(new TextDecoder().decode(bytes))).toThrow(ParseError);
    }
  });
});
