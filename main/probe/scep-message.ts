// SCEP pkiMessages (RFC 8894 §3): a PKCSReq as a device builds it (fresh RSA key, CSR with the
// challengePassword, self-signed transient signer, EnvelopedData to the RA, SignedData with the
// SCEP attributes) and the CertRep decoded and checked against it (nonces, transactionID, signature).
import { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytes, der, envelope, OIDS, own } from './scep-crypto';
import type { ContentCipher } from '../../shared/probe/types';

export const SCEP = {
  messageType: '2.16.840.1.113733.1.9.2',
  pkiStatus: '2.16.840.1.113733.1.9.3',
  failInfo: '2.16.840.1.113733.1.9.4',
  senderNonce: '2.16.840.1.113733.1.9.5',
  recipientNonce: '2.16.840.1.113733.1.9.6',
  transactionId: '2.16.840.1.113733.1.9.7',
  failInfoText: '1.3.6.1.5.5.7.24.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  challengePassword: '1.2.840.113549.1.9.7',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
} as const;

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-512';

/** The probe as a SCEP requester: one key for the CSR and the transient signer certificate. */
export interface Requester {
  keys: CryptoKeyPair;
  /** The private key for node:crypto (CertRep decryption). */
  keyObject: KeyObject;
  cert: pkijs.Certificate;
  csr: Uint8Array;
  subject: string;
  transactionId: string;
  senderNonce: Uint8Array;
  hash: HashName;
}

const crypto = globalThis.crypto;

function printable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
}

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: SCEP.organization,
        value: new asn1js.Utf8String({ value: 'NDES Doctor' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: SCEP.commonName,
        value: new asn1js.Utf8String({ value: cn }),
      }),
    ],
  });
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

const RSA_2048 = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

/**
 * A fresh RSA 2048 key pair. Generation is the slowest part of an enrollment (hundreds of ms), so
 * the probe starts it before it knows the hash and rebinds it in newRequester.
 */
export function generateKey(hash: HashName = 'SHA-256'): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ ...RSA_2048, hash }, true, ['sign', 'verify']);
}

/** WebCrypto binds an RSA key to one hash: re-import it for another. */
async function rebind(keys: CryptoKeyPair, hash: HashName): Promise<CryptoKeyPair> {
  const bound = keys.privateKey.algorithm as RsaHashedKeyAlgorithm;
  if (bound.hash.name === hash) return keys;
  const alg = { name: RSA_2048.name, hash };
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  const spki = await crypto.subtle.exportKey('spki', keys.publicKey);
  return {
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, alg, true, ['sign']),
    publicKey: await crypto.subtle.importKey('spki', spki, alg, true, ['verify']),
  };
}

/** The CSR carrying `challenge` and the self-signed signer certificate, on a fresh key. */
export async function newRequester(
  challenge: string,
  hash: HashName,
  key: Promise<CryptoKeyPair> = generateKey(hash),
): Promise<Requester> {
  const keys = await rebind(await key, hash);
  const spki = bytes(await crypto.subtle.exportKey('spki', keys.publicKey));
  // RFC 8894 §3.2.1.1: the transactionID SHOULD be a hash of the public key.
  const transactionId = hex(bytes(await crypto.subtle.digest('SHA-256', own(spki))));
  const cn = `ndes-doctor-probe-${transactionId.slice(0, 12).toLowerCase()}`;

  const csr = new pkijs.CertificationRequest();
  csr.subject = name(cn);
  const pw = printable(challenge)
    ? new asn1js.PrintableString({ value: challenge })
    : new asn1js.Utf8String({ value: challenge });
  csr.attributes = [new pkijs.Attribute({ type: SCEP.challengePassword, values: [pw] })];
  await csr.subjectPublicKeyInfo.importKey(keys.publicKey);
  await csr.sign(keys.privateKey, hash);

  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = crypto.getRandomValues(new Uint8Array(9));
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.issuer = name(cn);
  cert.subject = name(cn);
  const now = Date.now();
  cert.notBefore.value = new Date(now - 60 * 60 * 1000);
  cert.notAfter.value = new Date(now + 24 * 60 * 60 * 1000);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, hash);

  return {
    keys,
    keyObject: KeyObject.from(keys.privateKey),
    cert,
    csr: der(csr),
    subject: `O=NDES Doctor, CN=${cn}`,
    transactionId,
    senderNonce: crypto.getRandomValues(new Uint8Array(16)),
    hash,
  };
}

function attr(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

export interface PkiMessageInput {
  content: Uint8Array;
  /** SCEP attributes; contentType and messageDigest are added. */
  attributes: pkijs.Attribute[];
  signerCert: pkijs.Certificate;
  signerKey: CryptoKey;
  hash: HashName;
  certificates?: pkijs.Certificate[];
}

/** ContentInfo(SignedData) over `content` with signed attributes in DER (SET OF) order. */
export async function signPkiMessage(m: PkiMessageInput): Promise<Uint8Array> {
  const digest = bytes(await crypto.subtle.digest(m.hash, own(m.content)));
  const attrs = [
    attr(SCEP.contentType, new asn1js.ObjectIdentifier({ value: OIDS.data })),
    attr(SCEP.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    ...m.attributes,
  ]
    .map((a) => ({ a, enc: der(a) }))
    .sort((x, y) => {
      for (let i = 0; i < Math.min(x.enc.length, y.enc.length); i++)
        if (x.enc[i] !== y.enc[i]) return x.enc[i]! - y.enc[i]!;
      return x.enc.length - y.enc.length;
    })
    .map((x) => x.a);
  const encap = new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data });
  // Assigned after construction: pkijs splits a constructor-given eContent into BER chunks.
  encap.eContent = new asn1js.OctetString({ valueHex: m.content });
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: encap,
    certificates: m.certificates ?? [m.signerCert],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: m.signerCert.issuer,
          serialNumber: m.signerCert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
      }),
    ],
  });
  await sd.sign(m.signerKey, 0, m.hash);
  return der(new pkijs.ContentInfo({ contentType: OIDS.signedData, content: sd.toSchema(true) }));
}

/** PKCSReq (messageType 19): the CSR enveloped to `recipientDer`, signed by the transient cert. */
export async function buildPkcsReq(
  r: Requester,
  recipientDer: Uint8Array,
  cipher: ContentCipher,
): Promise<Uint8Array> {
  return signPkiMessage({
    content: envelope(r.csr, recipientDer, cipher),
    attributes: [
      attr(SCEP.transactionId, new asn1js.PrintableString({ value: r.transactionId })),
      attr(SCEP.messageType, new asn1js.PrintableString({ value: '19' })),
      attr(SCEP.senderNonce, new asn1js.OctetString({ valueHex: r.senderNonce })),
    ],
    signerCert: r.cert,
    signerKey: r.keys.privateKey,
    hash: r.hash,
  });
}
