// Walks the RFC 5280 Certificate structure on the original bytes: serial as Windows shows it (the
// INTEGER contents, sign byte included), algorithm OIDs, key size, the raw extensions, and an
// attribute-wise DN comparison (RFC 5280 §7.1) for "is this Root-store cert really self-issued".
import { ParseError } from './errors';
import {
  TAG,
  children,
  decodeOid,
  decodeString,
  isContext,
  isUniversal,
  readTlv,
  toHex,
  valueOf,
} from './der';
import type { Tlv } from './der';

export interface RawExtension {
  oid: string;
  critical: boolean;
  /** extnValue contents (the DER of the extension's own structure). */
  value: Uint8Array;
  /** The whole Extension SEQUENCE, as @peculiar/x509 extension classes take it. */
  der: Uint8Array;
}

export interface CertLayout {
  /** The certificate's own bytes (input without trailing data). */
  der: Uint8Array;
  serialHex: string;
  signatureAlgorithmOid: string;
  issuer: Tlv;
  subject: Tlv;
  publicKeyAlgorithmOid: string;
  /** Named-curve OID from the SPKI parameters, for EC keys. */
  publicKeyParamOid: string | null;
  /** subjectPublicKey BIT STRING contents without the unused-bits octet. */
  publicKeyBits: Uint8Array;
  extensions: RawExtension[];
}

function expect(t: Tlv | undefined, num: number, what: string): Tlv {
  if (!isUniversal(t, num)) throw new ParseError(`not an X.509 certificate: ${what} missing`);
  return t;
}

function algorithmOid(bytes: Uint8Array, alg: Tlv): { oid: string; param: Tlv | undefined } {
  const [oid, param] = children(bytes, alg);
  return { oid: decodeOid(valueOf(bytes, expect(oid, TAG.oid, 'algorithm OID'))), param };
}

function readExtensions(bytes: Uint8Array, wrapper: Tlv | undefined): RawExtension[] {
  if (!wrapper) return [];
  const seq = expect(children(bytes, wrapper)[0], TAG.sequence, 'extensions');
  return children(bytes, seq).map((ext) => {
    const parts = children(bytes, expect(ext, TAG.sequence, 'extension'));
    const oid = decodeOid(valueOf(bytes, expect(parts[0], TAG.oid, 'extension OID')));
    const hasCritical = isUniversal(parts[1], TAG.boolean);
    const critical = hasCritical && (bytes[parts[1]?.valueStart ?? 0] ?? 0) !== 0;
    const octets = expect(parts[hasCritical ? 2 : 1], TAG.octetString, 'extension value');
    return {
      oid,
      critical,
      value: valueOf(bytes, octets),
      der: bytes.subarray(ext.start, ext.end),
    };
  });
}

/** Reads the fields this app needs from a DER certificate; ParseError when it is not one. */
export function readCertLayout(input: Uint8Array): CertLayout {
  const outer = readTlv(input, 0);
  const der = input.subarray(0, outer.end);
  const [tbs, sigAlg] = children(der, expect(outer, TAG.sequence, 'Certificate SEQUENCE'));
  const fields = children(der, expect(tbs, TAG.sequence, 'tbsCertificate'));
  let i = isContext(fields[0], 0) ? 1 : 0; // [0] version
  const serial = expect(fields[i++], TAG.integer, 'serialNumber');
  i++; // signature (repeated in signatureAlgorithm)
  const issuer = expect(fields[i++], TAG.sequence, 'issuer');
  i++; // validity
  const subject = expect(fields[i++], TAG.sequence, 'subject');
  const spki = children(der, expect(fields[i++], TAG.sequence, 'subjectPublicKeyInfo'));
  const keyAlg = algorithmOid(der, expect(spki[0], TAG.sequence, 'key algorithm'));
  const keyBits = valueOf(der, expect(spki[1], TAG.bitString, 'subjectPublicKey'));
  const extWrapper = fields.slice(i).find((f) => isContext(f, 3));
  return {
    der,
    serialHex: toHex(valueOf(der, serial)),
    signatureAlgorithmOid: algorithmOid(der, expect(sigAlg, TAG.sequence, 'signatureAlgorithm'))
      .oid,
    issuer,
    subject,
    publicKeyAlgorithmOid: keyAlg.oid,
    publicKeyParamOid: isUniversal(keyAlg.param, TAG.oid)
      ? decodeOid(valueOf(der, keyAlg.param))
      : null,
    publicKeyBits: keyBits.subarray(1),
    extensions: readExtensions(der, extWrapper),
  };
}

/** One RDN as sorted "type=value" keys, values case-folded with inner spaces collapsed. */
function rdnKeys(bytes: Uint8Array, rdn: Tlv): string {
  const keys = children(bytes, rdn).map((atv) => {
    const [type, value] = children(bytes, atv);
    const oid = decodeOid(valueOf(bytes, expect(type, TAG.oid, 'attribute type')));
    if (!value) throw new ParseError('not an X.509 certificate: attribute value missing');
    const text = decodeString(bytes, value);
    const norm =
      text === null
        ? `#${toHex(bytes.subarray(value.start, value.end))}`
        : text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
    return `${oid}=${norm}`;
  });
  return keys.sort().join('+');
}

/** True when two Names hold the same RDNs in the same order, compared attribute-wise. */
export function namesEqual(bytes: Uint8Array, a: Tlv, b: Tlv): boolean {
  const ra = children(bytes, a);
  const rb = children(bytes, b);
  if (ra.length !== rb.length) return false;
  return ra.every((rdn, i) => {
    const other = rb[i];
    return other !== undefined && rdnKeys(bytes, rdn) === rdnKeys(bytes, other);
  });
}

const ALGORITHM_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.2.1': 'ecPublicKey',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.1': 'dsa',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** Key family a signature algorithm needs ('rsa', 'ec', 'ed'), or null when unknown. */
export function signatureFamily(oid: string): string | null {
  if (oid.startsWith('1.2.840.113549.1.1.') && oid !== '1.2.840.113549.1.1.1') return 'rsa';
  if (oid.startsWith('1.2.840.10045.4.')) return 'ec';
  if (oid === '1.3.101.112' || oid === '1.3.101.113') return 'ed';
  return null;
}

/** Family of a public key algorithm, comparable with signatureFamily(). */
export function keyFamily(oid: string): string | null {
  if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') return 'rsa';
  if (oid === '1.2.840.10045.2.1') return 'ec';
  if (oid === '1.3.101.112' || oid === '1.3.101.113') return 'ed';
  return null;
}

/** Conventional name of a signature or key algorithm OID; the OID itself when unknown. */
export function algorithmName(oid: string): string {
  return ALGORITHM_NAMES[oid] ?? oid;
}

const CURVE_BITS: Record<string, number> = {
  '1.2.840.10045.3.1.7': 256, // P-256
  '1.3.132.0.34': 384, // P-384
  '1.3.132.0.35': 521, // P-521
  '1.3.132.0.10': 256, // secp256k1
};

/** RSA modulus length or EC curve size in bits; null when the key type is not understood. */
export function keySizeBits(layout: CertLayout): number | null {
  const oid = layout.publicKeyAlgorithmOid;
  if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
    const key = layout.publicKeyBits;
    try {
      const modulus = children(key, readTlv(key, 0))[0];
      if (!isUniversal(modulus, TAG.integer)) return null;
      let v = valueOf(key, modulus);
      while (v.length > 1 && v[0] === 0) v = v.subarray(1);
      const top = v[0] ?? 0;
      return top === 0 ? 0 : (v.length - 1) * 8 + (32 - Math.clz32(top));
    } catch {
      return null;
    }
  }
  if (oid === '1.2.840.10045.2.1') return CURVE_BITS[layout.publicKeyParamOid ?? ''] ?? null;
  if (oid === '1.3.101.112') return 256;
  if (oid === '1.3.101.113') return 456;
  return null;
}
