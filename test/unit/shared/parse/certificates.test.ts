import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
  X509Certificates,
} from '../../../../shared/parse/x509-lib';
import type { X509Certificate } from '../../../../shared/parse/x509-lib';
import {
  OID,
  certificatesFromPkcs7,
  dnsNameMatches,
  parseCertificate,
} from '../../../../shared/parse/certificates';
import { ParseError } from '../../../../shared/parse/errors';
import { sample } from '../../../helpers/paths';

// --- tiny DER writers for the extensions @peculiar/x509 has no class for -------------------------
function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Uint8Array.from([tag, ...len, ...content]);
}
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
function oid(dotted: string): Uint8Array {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const arc of rest) {
    const bytes = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128))
      bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Uint8Array.from(out));
}
const int = (n: number) => tlv(0x02, Uint8Array.from([n]));
const seq = (...parts: Uint8Array[]) => tlv(0x30, cat(...parts));
const utf8 = (s: string) => tlv(0x0c, new TextEncoder().encode(s));
function bmp(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) out.push(ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff);
  return tlv(0x1e, Uint8Array.from(out));
}
const ext = (id: string, value: Uint8Array) => new Extension(id, false, value.slice());
const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex').toUpperCase();
const der = (c: X509Certificate) => new Uint8Array(c.rawData);

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const gen = (alg: typeof RSA | typeof EC) =>
  crypto.subtle.generateKey(alg, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

const ROOT_NAME = 'CN=Contoso Root CA, O=Contoso, C=US';
const ISSUING_NAME = 'CN=Contoso Issuing CA 1, DC=corp, DC=contoso, DC=com';
const V2_TEMPLATE =
  '1.3.6.1.4.1.311.21.8.8754432.10209394.1234567.987654.1234567.105.1122334.5566778';
const NB = new Date('2025-01-01T00:00:00Z');
const NA = new Date('2027-01-01T00:00:00Z');

const c = {} as Record<
  | 'root'
  | 'issuing'
  | 'cep'
  | 'ea'
  | 'v2'
  | 'tls'
  | 'bare'
  | 'odd'
  | 'forged'
  | 'rekeyed'
  | 'mixed',
  X509Certificate
>;

beforeAll(async () => {
  const rootKeys = await gen(RSA);
  const raKeys = await gen(RSA);
  const caKeys = await gen(EC);
  const ecKeys = await gen(EC);
  const otherKeys = await gen(EC);
  c.root = await X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: ROOT_NAME,
    keys: rootKeys,
    signingAlgorithm: RSA,
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2034-01-01T00:00:00Z'),
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      new SubjectKeyIdentifierExtension('a1b2c3d4e5f60718293a4b5c6d7e8f9001122334'),
    ],
  });
  c.issuing = await X509CertificateGenerator.create({
    serialNumber: '5800000002f7714edc7f317c46000000000002',
    subject: ISSUING_NAME,
    issuer: ROOT_NAME,
    publicKey: caKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: RSA,
    notBefore: NB,
    notAfter: NA,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(
        KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign,
        true,
      ),
      new SubjectKeyIdentifierExtension('11223344556677889900aabbccddeeff00112233'),
      new AuthorityKeyIdentifierExtension('a1b2c3d4e5f60718293a4b5c6d7e8f9001122334'),
    ],
  });
  const issuedByCa = (
    serialNumber: string,
    subject: string,
    publicKey: CryptoKey,
    extensions: Extension[],
  ) =>
    X509CertificateGenerator.create({
      serialNumber,
      subject,
      issuer: ISSUING_NAME,
      publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: EC,
      notBefore: NB,
      notAfter: NA,
      extensions: [
        new AuthorityKeyIdentifierExtension('11223344556677889900aabbccddeeff00112233'),
        ...extensions,
      ],
    });
  const raEku = new ExtendedKeyUsageExtension([OID.certificateRequestAgent]);
  c.cep = await issuedByCa(
    '440000000395ff46642751bb82000000000003',
    'CN=NDES01-MSCEP-RA, O=Contoso, L=Lisbon, C=PT',
    raKeys.publicKey,
    [
      raEku,
      new KeyUsagesExtension(KeyUsageFlags.keyEncipherment, true),
      ext(OID.templateNameV1, bmp('CEPEncryption')),
    ],
  );
  c.ea = await issuedByCa(
    '440000000495ff46642751bb82000000000004',
    'CN=NDES01-MSCEP-RA, O=Contoso, L=Lisbon, C=PT',
    raKeys.publicKey,
    [
      raEku,
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      ext(OID.templateNameV1, bmp('EnrollmentAgentOffline')),
    ],
  );
  c.v2 = await issuedByCa('44000000050000000000000005', 'CN=NDES01-MSCEP-RA-v2', raKeys.publicKey, [
    raEku,
    new KeyUsagesExtension(KeyUsageFlags.keyEncipherment, true),
    ext(OID.templateV2, seq(oid(V2_TEMPLATE), int(100), int(4))),
  ]);
  c.tls = await issuedByCa('8a1b2c', 'CN=ndes01.corp.contoso.com', ecKeys.publicKey, [
    new ExtendedKeyUsageExtension([OID.serverAuth, OID.clientAuth]),
    new SubjectAlternativeNameExtension([
      { type: 'dns', value: 'ndes01.corp.contoso.com' },
      { type: 'dns', value: '*.msappproxy.net' },
      { type: 'ip', value: '10.1.2.3' },
      { type: 'email', value: 'pki@contoso.com' },
      { type: 'url', value: 'https://ndes.contoso.com/' },
      { type: 'upn', value: 'svc-ndes@corp.contoso.com' },
    ]),
    ext(OID.templateNameV1, utf8('WebServer')),
  ]);
  c.bare = await issuedByCa('0102', 'CN=No EKU Here', ecKeys.publicKey, []);
  // SAN entries x509 refuses to decode itself: an unknown otherName, an NTDS GUID, a directoryName.
  const dirName = new Uint8Array(new Name('CN=Dir Entry, O=Contoso').toArrayBuffer());
  const guid = Uint8Array.from([
    0x53, 0x3e, 0xe1, 0x8e, 0x1c, 0x2c, 0xbb, 0x42, 0x8d, 0xf7, 0x39, 0x92, 0x7c, 0x0b, 0xdb, 0xb6,
  ]);
  const san = seq(
    tlv(0xa0, cat(oid('1.2.3.4.5'), tlv(0xa0, utf8('opaque')))),
    tlv(0xa0, cat(oid('1.3.6.1.4.1.311.25.1'), tlv(0xa0, tlv(0x04, guid)))),
    tlv(0xa4, dirName),
    tlv(0x87, Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
    tlv(0x82, new TextEncoder().encode('odd.contoso.com')),
  );
  c.odd = await issuedByCa('0103', 'CN=Odd SAN', ecKeys.publicKey, [
    ext('2.5.29.17', san),
    new KeyUsagesExtension(KeyUsageFlags.keyAgreement | KeyUsageFlags.decipherOnly),
    ext(OID.templateV2, seq(oid('1.3.6.1.4.1.311.21.8.1.2'), int(7))),
  ]);
  // Same DN as the root but another key signed it: the re-keyed "root" the Root-store check flags.
  c.forged = await X509CertificateGenerator.create({
    serialNumber: '02',
    subject: ROOT_NAME,
    issuer: ROOT_NAME,
    publicKey: otherKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: RSA,
    notBefore: NB,
    notAfter: NA,
  });
  c.rekeyed = await X509CertificateGenerator.create({
    serialNumber: '04',
    subject: ROOT_NAME,
    issuer: ROOT_NAME,
    publicKey: raKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: RSA,
    notBefore: NB,
    notAfter: NA,
  });
  // Self-issued although the issuer is spelled with other string types, case and spacing.
  c.mixed = await X509CertificateGenerator.create({
    serialNumber: '03',
    subject: new Name([
      { CN: [{ utf8String: 'Mixed Case Root' }] },
      { O: [{ printableString: 'Contoso' }] },
    ]),
    issuer: new Name([
      { CN: [{ printableString: 'MIXED  case root ' }] },
      { O: [{ utf8String: 'contoso' }] },
    ]),
    publicKey: otherKeys.publicKey,
    signingKey: otherKeys.privateKey,
    signingAlgorithm: EC,
    notBefore: NB,
    notAfter: NA,
  });
});

describe('parseCertificate', () => {
  it('reads a self-signed RSA root', async () => {
    const s = await parseCertificate(der(c.root));
    expect(s).toEqual({
      thumbprint: sha1(der(c.root)),
      serialNumber: '01',
      subject: ROOT_NAME,
      issuer: ROOT_NAME,
      subjectCN: 'Contoso Root CA',
      issuerCN: 'Contoso Root CA',
      notBefore: '2024-01-01T00:00:00.000Z',
      notAfter: '2034-01-01T00:00:00.000Z',
      selfIssued: true,
      selfSignatureValid: true,
      eku: null,
      keyUsage: ['keyCertSign', 'cRLSign'],
      sanDns: [],
      sanOther: [],
      templateName: null,
      templateOid: null,
      templateMajor: null,
      templateMinor: null,
      ski: 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334',
      aki: null,
      isCA: true,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      publicKeyAlgorithm: 'rsaEncryption',
      keySize: 2048,
    });
    expect(s.thumbprint).toMatch(/^[0-9A-F]{40}$/);
  });

  it('reads an intermediate: EC key signed by the RSA root, not self-issued', async () => {
    const s = await parseCertificate(der(c.issuing));
    expect(s.serialNumber).toBe('5800000002F7714EDC7F317C46000000000002');
    expect(s.subject).toBe(ISSUING_NAME);
    expect(s.issuer).toBe(ROOT_NAME);
    expect(s.subjectCN).toBe('Contoso Issuing CA 1');
    expect(s.issuerCN).toBe('Contoso Root CA');
    expect(s.selfIssued).toBe(false);
    expect(s.selfSignatureValid).toBeNull();
    expect(s.keyUsage).toEqual(['digitalSignature', 'keyCertSign', 'cRLSign']);
    expect(s.ski).toBe('11223344556677889900AABBCCDDEEFF00112233');
    expect(s.aki).toBe('A1B2C3D4E5F60718293A4B5C6D7E8F9001122334');
    expect(s.isCA).toBe(true);
    expect(s.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(s.publicKeyAlgorithm).toBe('ecPublicKey');
    expect(s.keySize).toBe(256);
    expect(s.notBefore).toBe('2025-01-01T00:00:00.000Z');
    expect(s.notAfter).toBe('2027-01-01T00:00:00.000Z');
  });

  it('reads the CEP Encryption RA cert (v1 template as BMPString)', async () => {
    const s = await parseCertificate(der(c.cep));
    expect(s.thumbprint).toBe(sha1(der(c.cep)));
    expect(s.serialNumber).toBe('440000000395FF46642751BB82000000000003');
    expect(s.subject).toBe('CN=NDES01-MSCEP-RA, O=Contoso, L=Lisbon, C=PT');
    expect(s.issuerCN).toBe('Contoso Issuing CA 1');
    expect(s.eku).toEqual(['1.3.6.1.4.1.311.20.2.1']);
    expect(s.keyUsage).toEqual(['keyEncipherment']);
    expect(s.templateName).toBe('CEPEncryption');
    expect(s.templateOid).toBeNull();
    expect(s.aki).toBe('11223344556677889900AABBCCDDEEFF00112233');
    expect(s.ski).toBeNull();
    expect(s.isCA).toBeNull();
    expect(s.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(s.publicKeyAlgorithm).toBe('rsaEncryption');
    expect(s.keySize).toBe(2048);
    expect(s.selfIssued).toBe(false);
  });

  it('reads the Enrollment Agent (offline) RA cert', async () => {
    const s = await parseCertificate(der(c.ea));
    expect(s.eku).toEqual([OID.certificateRequestAgent]);
    expect(s.keyUsage).toEqual(['digitalSignature']);
    expect(s.templateName).toBe('EnrollmentAgentOffline');
    expect(s.serialNumber).toBe('440000000495FF46642751BB82000000000004');
    expect(s.thumbprint).not.toBe((await parseCertificate(der(c.cep))).thumbprint);
  });

  it('reads a v2 template extension (templateID, major, minor)', async () => {
    const s = await parseCertificate(der(c.v2));
    expect(s.templateName).toBeNull();
    expect(s.templateOid).toBe(V2_TEMPLATE);
    expect(s.templateMajor).toBe(100);
    expect(s.templateMinor).toBe(4);
    expect(s.eku).toEqual([OID.certificateRequestAgent]);
    expect(s.keyUsage).toEqual(['keyEncipherment']);
  });

  it('reads a TLS cert: SAN entries, two EKUs, UTF8String template, sign byte of the serial', async () => {
    const s = await parseCertificate(der(c.tls));
    expect(s.serialNumber).toBe('008A1B2C');
    expect(s.subjectCN).toBe('ndes01.corp.contoso.com');
    expect(s.eku).toEqual([OID.serverAuth, OID.clientAuth]);
    expect(s.sanDns).toEqual(['ndes01.corp.contoso.com', '*.msappproxy.net']);
    expect(s.sanOther).toEqual([
      'ip:10.1.2.3',
      'email:pki@contoso.com',
      'url:https://ndes.contoso.com/',
      'upn:svc-ndes@corp.contoso.com',
    ]);
    expect(s.templateName).toBe('WebServer');
    expect(s.keyUsage).toBeNull();
  });

  it('reports null, not empty, for every absent extension', async () => {
    const s = await parseCertificate(der(c.bare));
    expect(s).toMatchObject({
      subject: 'CN=No EKU Here',
      eku: null,
      keyUsage: null,
      isCA: null,
      ski: null,
      templateName: null,
      templateOid: null,
      templateMajor: null,
      templateMinor: null,
      sanDns: [],
      sanOther: [],
      serialNumber: '0102',
    });
    expect(s.aki).toBe('11223344556677889900AABBCCDDEEFF00112233');
  });

  it('keeps SAN entries x509 cannot name, decodes the 2-byte keyUsage and a v2 template without minor', async () => {
    const s = await parseCertificate(der(c.odd));
    expect(s.sanDns).toEqual(['odd.contoso.com']);
    expect(s.sanOther).toEqual([
      'otherName:1.2.3.4.5',
      'guid:8ee13e53-2c1c-42bb-8df7-39927c0bdbb6',
      'dn:CN=Dir Entry, O=Contoso',
      'ip:2001:db8:0:0:0:0:0:1',
    ]);
    expect(s.keyUsage).toEqual(['keyAgreement', 'decipherOnly']);
    expect(s.templateOid).toBe('1.3.6.1.4.1.311.21.8.1.2');
    expect(s.templateMajor).toBe(7);
    expect(s.templateMinor).toBeNull();
  });

  it('flags a self-issued cert whose signature does not verify with its own key', async () => {
    const s = await parseCertificate(der(c.forged));
    expect(s.subject).toBe(ROOT_NAME);
    expect(s.selfIssued).toBe(true);
    expect(s.selfSignatureValid).toBe(false);
    expect(s.publicKeyAlgorithm).toBe('ecPublicKey');
    expect(s.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    const same = await parseCertificate(der(c.rekeyed));
    expect(same.selfIssued).toBe(true);
    expect(same.publicKeyAlgorithm).toBe('rsaEncryption');
    expect(same.selfSignatureValid).toBe(false);
  });

  it('compares DNs attribute-wise, not as printed strings', async () => {
    const s = await parseCertificate(der(c.mixed));
    expect(s.subject).not.toBe(s.issuer);
    expect(s.selfIssued).toBe(true);
    expect(s.selfSignatureValid).toBe(true);
  });

  it('accepts PEM as certutil -encode writes it (CRLF, 64 columns), UTF-16 PEM and bare base64', async () => {
    const b64 = c.cep.toString('base64');
    const lines = b64.match(/.{1,64}/g) ?? [];
    const pem = `-----BEGIN CERTIFICATE-----\r\n${lines.join('\r\n')}\r\n-----END CERTIFICATE-----\r\n`;
    const expected = sha1(der(c.cep));
    expect((await parseCertificate(new TextEncoder().encode(pem))).thumbprint).toBe(expected);
    const utf16 = new Uint8Array(2 + pem.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < pem.length; i++) utf16[2 + i * 2] = pem.charCodeAt(i);
    expect((await parseCertificate(utf16)).thumbprint).toBe(expected);
    expect((await parseCertificate(new TextEncoder().encode(b64))).thumbprint).toBe(expected);
  });

  it('hashes only the certificate when trailing bytes follow it', async () => {
    const padded = cat(der(c.root), Uint8Array.from([0, 0, 0, 0]));
    expect((await parseCertificate(padded)).thumbprint).toBe(sha1(der(c.root)));
  });

  it('rejects garbage with a ParseError and never hangs', async () => {
    const bad: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['text', new TextEncoder().encode('hello, this is not a certificate')],
      ['truncated', der(c.root).slice(0, 200)],
      ['pem without end', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMIIB\n')],
      [
        'pem with bad base64',
        new TextEncoder().encode('-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----\n'),
      ],
      ['deep nesting', Uint8Array.from({ length: 4000 }, (_, i) => (i % 2 ? 0x80 : 0x30))],
      ['random', Uint8Array.from({ length: 512 }, (_, i) => (i === 0 ? 0x30 : (i * 7919) % 251))],
      ['sequence of integers', seq(int(1), int(2), int(3))],
    ];
    for (const [name, bytes] of bad) {
      await expect(parseCertificate(bytes), name).rejects.toBeInstanceOf(ParseError);
    }
    await expect(parseCertificate(der(c.root).slice(0, 200))).rejects.toThrow(/truncated/);
  });
});

describe('certificatesFromPkcs7', () => {
  it('returns the exact DER of each cert of a degenerate SignedData (GetCACert shape)', async () => {
    const p7 = new X509Certificates([c.issuing, c.cep, c.ea]);
    const fromDer = await certificatesFromPkcs7(new Uint8Array(p7.export('raw')));
    expect(fromDer.map(sha1)).toEqual([c.issuing, c.cep, c.ea].map((x) => sha1(der(x))));
    const summaries = await Promise.all(fromDer.map((d) => parseCertificate(d)));
    expect(summaries.map((s) => s.templateName)).toEqual([
      null,
      'CEPEncryption',
      'EnrollmentAgentOffline',
    ]);
    const pem = p7.export('pem');
    expect(pem.startsWith('-----BEGIN CMS-----')).toBe(true);
    expect((await certificatesFromPkcs7(new TextEncoder().encode(pem))).map(sha1)).toEqual(
      fromDer.map(sha1),
    );
  });

  it('reads BER indefinite-length encoding', async () => {
    const eoc = Uint8Array.from([0, 0]);
    const indef = (tag: number, ...parts: Uint8Array[]) =>
      cat(Uint8Array.from([tag, 0x80]), ...parts, eoc);
    const signedData = indef(
      0x30,
      int(1),
      tlv(0x31, new Uint8Array(0)),
      indef(0x30, oid('1.2.840.113549.1.7.1')),
      indef(0xa0, der(c.root), der(c.tls)),
      tlv(0x31, new Uint8Array(0)),
    );
    const ber = indef(0x30, oid('1.2.840.113549.1.7.2'), indef(0xa0, signedData));
    const certs = await certificatesFromPkcs7(ber);
    expect(certs.map(sha1)).toEqual([sha1(der(c.root)), sha1(der(c.tls))]);
  });

  it('returns no certificates when the SignedData has none', async () => {
    const empty = seq(
      oid('1.2.840.113549.1.7.2'),
      tlv(
        0xa0,
        seq(
          int(1),
          tlv(0x31, new Uint8Array(0)),
          seq(oid('1.2.840.113549.1.7.1')),
          tlv(0x31, new Uint8Array(0)),
        ),
      ),
    );
    expect(await certificatesFromPkcs7(empty)).toEqual([]);
  });

  it('rejects a lone certificate, other content types and garbage', async () => {
    await expect(certificatesFromPkcs7(der(c.root))).rejects.toThrow(/single certificate/);
    await expect(certificatesFromPkcs7(seq(oid('1.2.840.113549.1.7.1')))).rejects.toThrow(
      /contentType is 1\.2\.840\.113549\.1\.7\.1/,
    );
    await expect(certificatesFromPkcs7(new Uint8Array(0))).rejects.toBeInstanceOf(ParseError);
    await expect(certificatesFromPkcs7(Uint8Array.from([0x30, 0x05, 1, 2]))).rejects.toThrow(
      /truncated/,
    );
  });

  it('rejects the truncated BER PKIOperation message from the iOS log sample', async () => {
    // The sample's base64 is a real iOS pkiMessage (30 80 …, BER) cut off by Microsoft's docs.
    const text = new TextDecoder().decode(sample('scep/scep-wire-examples.txt'));
    const b64 = /operation=PKIOperation&message=([A-Za-z0-9+/=]+)/.exec(text)?.[1] ?? '';
    expect(b64.startsWith('MIAGCSqGSIb3DQEHAqCA')).toBe(true);
    await expect(certificatesFromPkcs7(new TextEncoder().encode(b64))).rejects.toBeInstanceOf(
      ParseError,
    );
  });
});

describe('dnsNameMatches', () => {
  it.each([
    ['ndes01.corp.contoso.com', 'NDES01.corp.contoso.com', true],
    ['ndes01.corp.contoso.com.', 'ndes01.corp.contoso.com', true],
    ['*.corp.contoso.com', 'ndes01.corp.contoso.com', true],
    ['*.CORP.contoso.com', 'Ndes01.Corp.Contoso.Com', true],
    ['*.contoso.com', 'ndes01.corp.contoso.com', false],
    ['*.corp.contoso.com', 'corp.contoso.com', false],
    ['*.corp.contoso.com', '.corp.contoso.com', false],
    ['ndes*.corp.contoso.com', 'ndes01.corp.contoso.com', false],
    ['ndes01.corp.contoso.com', 'ndes02.corp.contoso.com', false],
    ['', 'ndes01', false],
  ])('%s vs %s -> %s', (pattern, host, result) => {
    expect(dnsNameMatches(pattern, host)).toBe(result);
  });
});

describe('samples without full certificates', () => {
  it('certutil -store My output holds hashes, not certificates', async () => {
    const text = new TextDecoder().decode(
      sample('command-output/cvilab-certutil-store-My-3certs.txt'),
    );
    expect(text).not.toContain('-----BEGIN');
    await expect(
      parseCertificate(sample('command-output/cvilab-certutil-store-My-3certs.txt')),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
