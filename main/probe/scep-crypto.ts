// CMS EnvelopedData for SCEP (RFC 8894 §3.2.2 pkcsPKIEnvelope): key transport with rsaEncryption
// (PKCS #1 v1.5, what NDES and every SCEP server expect) and AES-CBC or 3DES content encryption.
// WebCrypto has neither RSAES-PKCS1-v1_5 nor 3DES, so node:crypto does the math and pkijs the ASN.1.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { ContentCipher } from '../../shared/probe/types';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

interface CipherSpec {
  oid: string;
  key: number;
  iv: number;
}

const CIPHERS: Record<string, CipherSpec> = {
  'aes-128-cbc': { oid: '2.16.840.1.101.3.4.1.2', key: 16, iv: 16 },
  'aes-192-cbc': { oid: '2.16.840.1.101.3.4.1.22', key: 24, iv: 16 },
  'aes-256-cbc': { oid: '2.16.840.1.101.3.4.1.42', key: 32, iv: 16 },
  'des-ede3-cbc': { oid: '1.2.840.113549.3.7', key: 24, iv: 8 },
  'des-cbc': { oid: '1.3.14.3.2.7', key: 8, iv: 8 },
};

function cipherByOid(oid: string): [string, CipherSpec] {
  const hit = Object.entries(CIPHERS).find(([, s]) => s.oid === oid);
  if (!hit) throw new Error(`unsupported content encryption algorithm ${oid}`);
  return hit;
}

export function bytes(buf: ArrayBuffer | Uint8Array): Uint8Array {
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf);
}

/** A copy backed by a plain ArrayBuffer, the BufferSource pkijs and WebCrypto accept. */
export function own(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(u);
}

/** A DER-encoded pkijs object. */
export function der(obj: { toSchema(): asn1js.AsnType }): Uint8Array {
  return new Uint8Array(obj.toSchema().toBER(false));
}

/** Parses a ContentInfo and checks its type. */
export function contentInfo(data: Uint8Array, type: string, what: string): pkijs.ContentInfo {
  let ci: pkijs.ContentInfo;
  try {
    ci = pkijs.ContentInfo.fromBER(own(data));
  } catch (e) {
    throw new Error(`${what} is not a CMS ContentInfo (${(e as Error).message})`, { cause: e });
  }
  if (ci.contentType !== type)
    throw new Error(`${what} has content type ${ci.contentType}, not ${type}`);
  return ci;
}

/** Encrypts `content` to the certificate's RSA key: ContentInfo(EnvelopedData), DER. */
export function envelope(
  content: Uint8Array,
  recipientDer: Uint8Array,
  cipher: ContentCipher,
): Uint8Array {
  const spec = CIPHERS[cipher];
  if (!spec) throw new Error(`unsupported cipher ${cipher}`);
  const recipient = pkijs.Certificate.fromBER(own(recipientDer));
  const key = randomBytes(spec.key);
  const iv = randomBytes(spec.iv);
  const c = createCipheriv(cipher, key, iv);
  const encrypted = Buffer.concat([c.update(content), c.final()]);
  const publicKey = new X509Certificate(Buffer.from(recipientDer)).publicKey;
  const encryptedKey = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
  const ed = new pkijs.EnvelopedData({
    version: 0,
    recipientInfos: [
      new pkijs.RecipientInfo({
        variant: 1,
        value: new pkijs.KeyTransRecipientInfo({
          version: 0,
          rid: new pkijs.IssuerAndSerialNumber({
            issuer: recipient.issuer,
            serialNumber: recipient.serialNumber,
          }),
          keyEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
            algorithmId: OIDS.rsaEncryption,
            algorithmParams: new asn1js.Null(),
          }),
          encryptedKey: new asn1js.OctetString({ valueHex: encryptedKey }),
        }),
      }),
    ],
    encryptedContentInfo: new pkijs.EncryptedContentInfo({
      contentType: OIDS.data,
      contentEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: spec.oid,
        algorithmParams: new asn1js.OctetString({ valueHex: iv }),
      }),
      encryptedContent: new asn1js.OctetString({ valueHex: encrypted }),
      disableSplit: true,
    }),
  });
  return der(new pkijs.ContentInfo({ contentType: OIDS.envelopedData, content: ed.toSchema() }));
}

/**
 * RSAES-PKCS1-v1_5 decryption of our own transient key. Node refuses PKCS #1 v1.5 private
 * decryption (CVE-2023-46809, a timing oracle for servers), so the raw RSA result is unpadded here:
 * a one-shot client decrypting one message of its own offers no oracle.
 */
function rsaPkcs1Decrypt(key: KeyObject, data: Uint8Array): Uint8Array {
  const em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, data);
  if (em[0] !== 0 || em[1] !== 2) throw new Error('key transport padding is not PKCS #1 v1.5');
  const sep = em.indexOf(0, 2);
  if (sep < 10) throw new Error('key transport padding is malformed');
  return new Uint8Array(em.subarray(sep + 1));
}

/** Decrypts a ContentInfo(EnvelopedData) addressed to our key; the plaintext. */
export function openEnvelope(data: Uint8Array, privateKey: KeyObject): Uint8Array {
  const ci = contentInfo(data, OIDS.envelopedData, 'the encrypted CertRep content');
  const ed = new pkijs.EnvelopedData({ schema: ci.content });
  const ri = ed.recipientInfos.find((r) => r.variant === 1)?.value;
  if (!(ri instanceof pkijs.KeyTransRecipientInfo)) throw new Error('no key-transport recipient');
  if (ri.keyEncryptionAlgorithm.algorithmId !== OIDS.rsaEncryption)
    throw new Error(`key transport ${ri.keyEncryptionAlgorithm.algorithmId} is not rsaEncryption`);
  const key = rsaPkcs1Decrypt(privateKey, bytes(ri.encryptedKey.valueBlock.valueHexView));
  const eci = ed.encryptedContentInfo;
  const [name, spec] = cipherByOid(eci.contentEncryptionAlgorithm.algorithmId);
  const params = eci.contentEncryptionAlgorithm.algorithmParams as asn1js.OctetString | undefined;
  const iv = params instanceof asn1js.OctetString ? bytes(params.getValue()) : new Uint8Array(0);
  if (key.length !== spec.key || iv.length !== spec.iv)
    throw new Error(`${name}: key or IV of the wrong length`);
  const content = eci.encryptedContent ? bytes(eci.getEncryptedContent()) : new Uint8Array(0);
  // Single DES (micromdm/scep's CertRep default) is in OpenSSL 3's legacy provider only; 3DES
  // with K1 = K2 = K3 is the same cipher and stays available.
  const d =
    name === 'des-cbc'
      ? createDecipheriv('des-ede3-cbc', Buffer.concat([key, key, key]), iv)
      : createDecipheriv(name, key, iv);
  return new Uint8Array(Buffer.concat([d.update(content), d.final()]));
}
