import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { ParseError } from '../../../../shared/parse/errors';
import {
  parseCertutilPing,
  parseCertutilStore,
  parseCertutilTemplates,
} from '../../../../shared/parse/certutil';

const text = (rel: string): string => new TextDecoder().decode(sample(rel));

function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function expectParseErrorOnGarbage(parse: (t: string) => unknown): void {
  for (let seed = 1; seed <= 5; seed++) {
    const bytes = garbage(4096, seed);
    expect(() => parse(new TextDecoder('latin1').decode(bytes))).toThrow(ParseError);
    expect(() => parse(new TextDecoder().decode(bytes))).toThrow(ParseError);
  }
}

describe('parseCertutilPing', () => {
  const [cvilab, demo] = text('command-output/certutil-ping-examples.txt').split(/^---$/m);

  it('reads both successful pings in the sample', () => {
    const a = parseCertutilPing(cvilab ?? '');
    expect(a.alive).toBe(true);
    expect(a.server).toBe('CVI Issuing CA 1');
    expect(a.lines).toEqual([
      'Connecting to PKI-SRV01.corp.cvilab.local\\CVI Issuing CA 1 ...',
      'Server "CVI Issuing CA 1" ICertRequest2 interface is alive (16ms)',
      'CertUtil: -ping command completed successfully.',
    ]);
    const b = parseCertutilPing(demo ?? '');
    expect(b.alive).toBe(true);
    expect(b.server).toBe('myDemoCA');
  });

  it('keeps the first server when given the whole sample', () => {
    const all = parseCertutilPing(text('command-output/certutil-ping-examples.txt'));
    expect(all.server).toBe('CVI Issuing CA 1');
    expect(all.lines).toHaveLength(7);
  });

  it('is not alive when the CA cannot be reached', () => {
    const r = parseCertutilPing(
      'Connecting to CA01.corp.contoso.com\\Contoso Issuing CA ...\r\n' +
        'Server could not be reached: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE) -- (31ms)\r\n\r\n' +
        'CertUtil: -ping command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\n' +
        'CertUtil: The RPC server is unavailable.\r\n',
    );
    expect(r.alive).toBe(false);
    expect(r.server).toBeNull();
    expect(r.lines).toHaveLength(4);
  });

  it('treats empty text as not alive and garbage as a ParseError', () => {
    expect(parseCertutilPing('')).toEqual({ alive: false, server: null, lines: [] });
    expectParseErrorOnGarbage(parseCertutilPing);
  });
});

describe('parseCertutilTemplates', () => {
  const CA_TEMPLATES = [
    'IntuneSCEP: Intune SCEP -- Auto-Enroll: Access is denied.',
    'Machine: Computer -- Auto-Enroll: Access is denied.',
    'WebServer: Web Server -- Access is denied.',
    'IPSECIntermediateOffline: IPSec (Offline request) -- Auto-Enroll: Access is denied.',
    'CEPEncryption: CEP Encryption -- Access is denied.',
    'EnrollmentAgentOffline: Exchange Enrollment Agent (Offline request) -- Access is denied.',
    'SubCA: Subordinate Certification Authority -- Auto-Enroll',
    '',
    'CertUtil: -CATemplates command completed successfully.',
    '',
  ].join('\r\n');

  it('reads name, display name and status of every published template', () => {
    const t = parseCertutilTemplates(CA_TEMPLATES);
    expect(t.map((x) => x.name)).toEqual([
      'IntuneSCEP',
      'Machine',
      'WebServer',
      'IPSECIntermediateOffline',
      'CEPEncryption',
      'EnrollmentAgentOffline',
      'SubCA',
    ]);
    expect(t[0]).toEqual({
      name: 'IntuneSCEP',
      displayName: 'Intune SCEP',
      status: 'Auto-Enroll: Access is denied.',
      line: 1,
    });
    expect(t[3]?.displayName).toBe('IPSec (Offline request)');
    expect(t[5]?.displayName).toBe('Exchange Enrollment Agent (Offline request)');
    expect(t[6]?.status).toBe('Auto-Enroll');
  });

  it('gives no templates for a failed call, empty text, and a ParseError for garbage', () => {
    expect(
      parseCertutilTemplates(
        'CertUtil: -CATemplates command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\nCertUtil: The RPC server is unavailable.\r\n',
      ),
    ).toEqual([]);
    expect(parseCertutilTemplates('')).toEqual([]);
    expectParseErrorOnGarbage(parseCertutilTemplates);
  });
});

describe('parseCertutilStore on the 3-certificate My store sample', () => {
  const certs = parseCertutilStore(text('command-output/cvilab-certutil-store-My-3certs.txt'));

  it('finds three certificates with their header lines', () => {
    expect(certs.map((c) => [c.index, c.line])).toEqual([
      [0, 2],
      [1, 17],
      [2, 33],
    ]);
  });

  it('reads the v2 web server certificate (CSP key)', () => {
    expect(certs[0]).toEqual({
      index: 0,
      serialNumber: '4400000004de07084d1f319d8e000000000004',
      issuer: 'CN=CVI Issuing CA 1, DC=corp, DC=cvilab, DC=local',
      notBefore: '5/17/2026 8:44 PM',
      notAfter: '4/25/2027 7:36 PM',
      subject: 'CN=PKI-SRV01.corp.cvilab.local',
      template: 'CVI-WebServer',
      templateDisplayName: null,
      certHash: '56195DB06F786CE07A5EB9F52E83B92531D522FB',
      keyContainer: 'c331eac02d8b30f9c3b8d755edc095ac_f0a99c17-76d3-498a-97de-2992c06105fd',
      provider: 'Microsoft RSA SChannel Cryptographic Provider',
      hasPrivateKey: true,
      line: 2,
    });
  });

  it('reads the SubCA certificate with a KSP key', () => {
    const c = certs[1];
    expect(c?.subject).toBe('CN=CVI Issuing CA 1, DC=corp, DC=cvilab, DC=local');
    expect(c?.template).toBe('SubCA');
    expect(c?.templateDisplayName).toBe('Subordinate Certification Authority');
    expect(c?.certHash).toBe('5137A597DE2C3085EC5816C7F11EDC18CFCDBAF8');
    expect(c?.keyContainer).toBe('CVI Issuing CA 1');
    expect(c?.provider).toBe('Microsoft Software Key Storage Provider');
  });

  it('reads the v1 Machine certificate', () => {
    const c = certs[2];
    expect(c?.serialNumber).toBe('440000000395ff46642751bb82000000000003');
    expect(c?.template).toBe('Machine');
    expect(c?.templateDisplayName).toBe('Computer');
    expect(c?.certHash).toBe('4463A1A9A66692F76E49190A5FA5B900EDE2A3BF');
    expect(c?.hasPrivateKey).toBe(true);
  });
});

describe('parseCertutilStore', () => {
  it('reads localized labels by position and notices a missing key', () => {
    const [c] = parseCertutilStore(
      [
        'My "Eigene Zertifikate"',
        '================ Zertifikat 0 ================',
        'Seriennummer: 1a2b3c',
        'Aussteller: CN=Contoso Issuing CA, DC=contoso, DC=com',
        ' NotBefore: 17.05.2026 20:44',
        ' NotAfter: 17.05.2028 20:44',
        'Antragsteller: CN=NDES01-MSCEP-RA, O=Contoso',
        'Zertifikatvorlagenname (Zertifikattyp): CEPEncryption',
        'Zertifikathash(sha1): 11 22 33 44 55 66 77 88 99 00 aa bb cc dd ee ff 00 11 22 33',
        '  Schlüsselcontainer = 7f0e_1234',
        '  Anbieter = Microsoft Strong Cryptographic Provider',
        'Missing stored keyset',
      ].join('\r\n'),
    );
    expect(c?.serialNumber).toBe('1a2b3c');
    expect(c?.subject).toBe('CN=NDES01-MSCEP-RA, O=Contoso');
    expect(c?.notAfter).toBe('17.05.2028 20:44');
    expect(c?.certHash).toBe('11223344556677889900AABBCCDDEEFF00112233');
    expect(c?.keyContainer).toBe('7f0e_1234');
    expect(c?.provider).toBe('Microsoft Strong Cryptographic Provider');
    expect(c?.hasPrivateKey).toBe(false);
    expect(c?.template).toBeNull();
  });

  it('marks a certificate without key information', () => {
    const [c] = parseCertutilStore(
      '================ Certificate 3 ================\nSerial Number: 01\nIssuer: CN=Root\n NotBefore: 1/1/2020 12:00 AM\n NotAfter: 1/1/2040 12:00 AM\nSubject: CN=Root\nCert Hash(sha1): ab\nNo key provider information\n',
    );
    expect(c?.index).toBe(3);
    expect(c?.hasPrivateKey).toBe(false);
    expect(c?.keyContainer).toBeNull();
  });

  it('gives no entries for an empty store or empty text, and a ParseError for garbage', () => {
    expect(
      parseCertutilStore('My "Personal"\r\nCertUtil: -store command completed successfully.\r\n'),
    ).toEqual([]);
    expect(parseCertutilStore('')).toEqual([]);
    expectParseErrorOnGarbage(parseCertutilStore);
  });
});
