// Real certificates for rule tests, generated with @peculiar/x509: DER bytes that go through the
// real parseCertificate, plus a StoreCert builder that adds the certs/index.json row.
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '../../shared/parse/x509-lib';
import { parseCertificate } from '../../shared/parse/certificates';
import type { CertIndexEntry, StoreCert } from '../../shared/model';

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/** An RSA-2048 key pair; generate a few once per test file (it takes ~100 ms). */
export function rsaKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** keyUsage bit names as CertSummary.keyUsage spells them. */
export type KeyUsageName = keyof typeof KeyUsageFlags;

export interface MakeCertOptions {
  /** Subject DN, e.g. `CN=ndes01.corp.contoso.com`. */
  subject: string;
  /** The subject's key pair. */
  keys: CryptoKeyPair;
  /** Signer; omitted = self-signed with `keys`. Same name + other keys = a broken self-signature. */
  issuer?: { name: string; keys: CryptoKeyPair };
  notBefore?: Date;
  notAfter?: Date;
  /** EKU OIDs; omitted = no EKU extension. */
  eku?: string[];
  keyUsage?: KeyUsageName[];
  sanDns?: string[];
  /** v1 template name (extension 1.3.6.1.4.1.311.20.2, BMPString), e.g. `CEPEncryption`. */
  templateName?: string;
  /** basicConstraints cA. */
  ca?: boolean;
  /** Hex serial number. */
  serialNumber?: string;
  /** Add SKI (own key) and, when an issuer is given, AKI (the issuer's key). */
  keyIds?: boolean;
  /** More extensions, appended as given (e.g. a v2 template extension). */
  extensions?: Extension[];
}

function bmpString(s: string): Uint8Array<ArrayBuffer> {
  const body: number[] = [];
  for (const ch of s) body.push(ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff);
  return new Uint8Array([0x1e, body.length, ...body]);
}

/** Creates a certificate and returns its DER bytes. */
export async function makeCert(o: MakeCertOptions): Promise<Uint8Array> {
  const extensions: Extension[] = [];
  if (o.ca !== undefined) extensions.push(new BasicConstraintsExtension(o.ca, undefined, true));
  if (o.keyUsage) {
    const flags = o.keyUsage.reduce((f, n) => f | KeyUsageFlags[n], 0);
    extensions.push(new KeyUsagesExtension(flags, true));
  }
  if (o.eku) extensions.push(new ExtendedKeyUsageExtension(o.eku));
  if (o.sanDns) {
    extensions.push(
      new SubjectAlternativeNameExtension(
        o.sanDns.map((value) => ({ type: 'dns' as const, value })),
      ),
    );
  }
  if (o.templateName !== undefined) {
    extensions.push(new Extension('1.3.6.1.4.1.311.20.2', false, bmpString(o.templateName)));
  }
  const signer = o.issuer ?? { name: o.subject, keys: o.keys };
  if (o.keyIds) {
    extensions.push(await SubjectKeyIdentifierExtension.create(o.keys.publicKey));
    if (o.issuer) {
      extensions.push(await AuthorityKeyIdentifierExtension.create(o.issuer.keys.publicKey));
    }
  }
  if (o.extensions) extensions.push(...o.extensions);
  const cert = await X509CertificateGenerator.create({
    serialNumber: o.serialNumber ?? '01',
    subject: o.subject,
    issuer: signer.name,
    publicKey: o.keys.publicKey,
    signingKey: signer.keys.privateKey,
    signingAlgorithm: RSA,
    notBefore: o.notBefore ?? new Date('2025-01-01T00:00:00Z'),
    notAfter: o.notAfter ?? new Date('2028-01-01T00:00:00Z'),
    extensions,
  });
  return new Uint8Array(cert.rawData);
}

/** A parsed StoreCert as the snapshot holds it; `index` fields override a default index row. */
export async function storeCert(
  der: Uint8Array,
  store: 'My' | 'Root' | 'CA' = 'My',
  index: Partial<CertIndexEntry> | null = {},
): Promise<StoreCert> {
  const summary = await parseCertificate(der);
  const file = `certs/LocalMachine/${store}/${summary.thumbprint}.cer`;
  const row: CertIndexEntry | null =
    index === null
      ? null
      : {
          store,
          thumbprint: summary.thumbprint,
          file: `LocalMachine/${store}/${summary.thumbprint}.cer`,
          hasPrivateKey: store === 'My',
          keyProvider: null,
          keySpec: null,
          friendlyName: null,
          templateName: summary.templateName,
          privateKeyAcl: null,
          ...index,
        };
  return {
    ...summary,
    store,
    file,
    index: row,
    template: summary.templateName ?? row?.templateName ?? null,
  };
}
