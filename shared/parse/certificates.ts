// Summarizes the DER certificates of certs/LocalMachine/{My,Root,CA} and the GetCACert .p7b: the
// fields the RA, TLS, Root-store and connector checks judge (CHECKS.md §3.0, AF §7–8). Thumbprints
// are SHA-1 over the original bytes, as Windows computes them, never over a re-encoding.
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
} from './x509-lib';
import { ParseError } from './errors';
import {
  algorithmName,
  keyFamily,
  keySizeBits,
  namesEqual,
  readCertLayout,
  signatureFamily,
} from './cert-layout';
import type { CertLayout } from './cert-layout';
import { decodeSan, decodeTemplateName, decodeTemplateV2 } from './cert-extensions';
import { TAG, children, decodeOid, isContext, isUniversal, readTlv, toHex, valueOf } from './der';
import { unwrapDer } from './pem';

export interface CertSummary {
  /** Upper-case hex SHA-1 of the DER (the Windows thumbprint). */
  thumbprint: string;
  /** Upper-case hex of the serial INTEGER contents, as Windows prints it (sign byte kept). */
  serialNumber: string;
  /** Distinguished names as @peculiar/x509 prints them (RDNs in DER order). */
  subject: string;
  issuer: string;
  /** The most specific (last in DER order) CN, or null. */
  subjectCN: string | null;
  issuerCN: string | null;
  /** ISO 8601 UTC. */
  notBefore: string;
  notAfter: string;
  /** Subject and issuer DNs are equal, compared attribute by attribute (RFC 5280 §7.1). */
  selfIssued: boolean;
  /** For a self-issued cert: does its signature verify with its own key; null otherwise or when the algorithm cannot be checked. */
  selfSignatureValid: boolean | null;
  /** EKU OIDs; null when the certificate has no EKU extension (valid for every purpose). */
  eku: string[] | null;
  /** keyUsage bit names; null when the extension is absent. */
  keyUsage: string[] | null;
  sanDns: string[];
  /** Other SAN entries as `type:value` (email, ip, url, upn, guid, dn, id, otherName). */
  sanOther: string[];
  /** v1 template name from extension 1.3.6.1.4.1.311.20.2, e.g. `CEPEncryption`. */
  templateName: string | null;
  /** v2+ templateID from extension 1.3.6.1.4.1.311.21.7. */
  templateOid: string | null;
  templateMajor: number | null;
  templateMinor: number | null;
  /** Upper-case hex key identifiers. */
  ski: string | null;
  aki: string | null;
  /** basicConstraints cA; null when the extension is absent. */
  isCA: boolean | null;
  /** e.g. `sha256WithRSAEncryption`, or the OID when unknown. */
  signatureAlgorithm: string;
  /** e.g. `rsaEncryption`, `ecPublicKey`, or the OID when unknown. */
  publicKeyAlgorithm: string;
  /** RSA modulus bits or EC curve bits. */
  keySize: number | null;
}

export const OID = {
  certificateRequestAgent: '1.3.6.1.4.1.311.20.2.1',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  templateNameV1: '1.3.6.1.4.1.311.20.2',
  templateV2: '1.3.6.1.4.1.311.21.7',
} as const;

const EXT = {
  eku: '2.5.29.37',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  ski: '2.5.29.14',
  aki: '2.5.29.35',
  san: '2.5.29.17',
} as const;

/** RFC 5280 KeyUsage bits in order; x509's KeyUsageFlags is 1 << bit. */
const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

const PKCS7_SIGNED_DATA = '1.2.840.113549.1.7.2';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Decodes one extension when present; a malformed one is a ParseError naming it. */
function extension<T>(
  layout: CertLayout,
  oid: string,
  decode: (der: Uint8Array<ArrayBuffer>, value: Uint8Array) => T,
): T | null {
  const ext = layout.extensions.find((e) => e.oid === oid);
  if (!ext) return null;
  try {
    return decode(ext.der.slice(), ext.value);
  } catch (e) {
    throw new ParseError(`certificate extension ${oid} is malformed: ${message(e)}`);
  }
}

async function verifyOwnSignature(
  cert: X509Certificate,
  layout: CertLayout,
): Promise<boolean | null> {
  const sigFamily = signatureFamily(layout.signatureAlgorithmOid);
  const ownFamily = keyFamily(layout.publicKeyAlgorithmOid);
  // An EC key cannot have made an RSA signature: that is a definite "no", not "cannot tell".
  if (sigFamily && ownFamily && sigFamily !== ownFamily) return false;
  const crypto = globalThis.crypto;
  let key: CryptoKey;
  try {
    const alg = { ...cert.publicKey.algorithm, ...cert.signatureAlgorithm };
    key = await cert.publicKey.export(alg, ['verify'], crypto);
  } catch {
    return null; // key or signature algorithm WebCrypto cannot handle (MD5, DSA, PSS params…)
  }
  try {
    return await cert.verify({ publicKey: key, signatureOnly: true }, crypto);
  } catch {
    return null;
  }
}

function isoDate(d: Date, what: string): string {
  if (Number.isNaN(d.getTime())) throw new ParseError(`certificate ${what} is not a valid date`);
  return d.toISOString();
}

/** Parses one certificate (DER, PEM or bare base64). ParseError when it is not one. */
export async function parseCertificate(der: Uint8Array): Promise<CertSummary> {
  const layout = readCertLayout(unwrapDer(der, 'certificate'));
  let cert: X509Certificate;
  let notBefore: Date;
  let notAfter: Date;
  try {
    cert = new X509Certificate(layout.der.slice());
    notBefore = cert.notBefore;
    notAfter = cert.notAfter;
  } catch (e) {
    throw new ParseError(`not an X.509 certificate: ${message(e)}`);
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-1', layout.der.slice());
  const selfIssued = namesEqual(layout.der, layout.issuer, layout.subject);
  const lastCn = (values: string[]) => values[values.length - 1] ?? null;
  const keyUsage = extension(layout, EXT.keyUsage, (d) => {
    const flags = new KeyUsagesExtension(d).usages;
    return KEY_USAGE_NAMES.filter((_, bit) => (flags & (1 << bit)) !== 0);
  });
  const san = extension(layout, EXT.san, (_, v) => decodeSan(v));
  const v2 = extension(layout, OID.templateV2, (_, v) => decodeTemplateV2(v));
  return {
    thumbprint: toHex(new Uint8Array(digest)),
    serialNumber: layout.serialHex,
    subject: cert.subject,
    issuer: cert.issuer,
    subjectCN: lastCn(cert.subjectName.getField('CN')),
    issuerCN: lastCn(cert.issuerName.getField('CN')),
    notBefore: isoDate(notBefore, 'notBefore'),
    notAfter: isoDate(notAfter, 'notAfter'),
    selfIssued,
    selfSignatureValid: selfIssued ? await verifyOwnSignature(cert, layout) : null,
    eku: extension(layout, EXT.eku, (d) =>
      new ExtendedKeyUsageExtension(d).usages.map((u) => String(u)),
    ),
    keyUsage,
    sanDns: san?.dns ?? [],
    sanOther: san?.other ?? [],
    templateName: extension(layout, OID.templateNameV1, (_, v) => decodeTemplateName(v)),
    templateOid: v2?.oid ?? null,
    templateMajor: v2?.major ?? null,
    templateMinor: v2?.minor ?? null,
    ski: extension(layout, EXT.ski, (d) =>
      new SubjectKeyIdentifierExtension(d).keyId.toUpperCase(),
    ),
    aki:
      extension(layout, EXT.aki, (d) =>
        new AuthorityKeyIdentifierExtension(d).keyId?.toUpperCase(),
      ) ?? null,
    isCA: extension(layout, EXT.basicConstraints, (d) => new BasicConstraintsExtension(d).ca),
    signatureAlgorithm: algorithmName(layout.signatureAlgorithmOid),
    publicKeyAlgorithm: algorithmName(layout.publicKeyAlgorithmOid),
    keySize: keySizeBits(layout),
  };
}

/**
 * DER bytes of every certificate in a degenerate PKCS#7 SignedData (GetCACert body, .p7b), DER or
 * PEM, in file order. ParseError when the input is not a SignedData.
 */
export async function certificatesFromPkcs7(der: Uint8Array): Promise<Uint8Array[]> {
  const bytes = unwrapDer(der, 'PKCS#7');
  const outer = readTlv(bytes, 0);
  const [contentType, content] = outer.constructed ? children(bytes, outer) : [];
  if (!isUniversal(contentType, TAG.oid)) {
    const looksLikeCert = isUniversal(contentType, TAG.sequence);
    throw new ParseError(
      looksLikeCert
        ? 'not a PKCS#7 SignedData: the input looks like a single certificate'
        : 'not a PKCS#7 SignedData: no contentType',
    );
  }
  const type = decodeOid(valueOf(bytes, contentType));
  if (type !== PKCS7_SIGNED_DATA) {
    throw new ParseError(`not a PKCS#7 SignedData: contentType is ${type}`);
  }
  const signedData = isContext(content, 0) ? children(bytes, content)[0] : undefined;
  if (!isUniversal(signedData, TAG.sequence))
    throw new ParseError('PKCS#7 SignedData content missing');
  const certSet = children(bytes, signedData).find((t) => isContext(t, 0) && t.constructed);
  if (!certSet) return [];
  // CertificateChoices other than a plain Certificate (attribute certs, [0]/[1]/[2]/[3]) are skipped.
  return children(bytes, certSet)
    .filter((t) => isUniversal(t, TAG.sequence))
    .map((t) => bytes.slice(t.start, t.end));
}

/**
 * Host-name match for TLS checks: case-insensitive, trailing dot ignored; a `*` left-most label
 * matches exactly one non-empty label (as T-YZ2 and RFC 6125 §6.4.3 do).
 */
export function dnsNameMatches(pattern: string, host: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');
  const p = norm(pattern);
  const h = norm(host);
  if (!p || !h) return false;
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}
