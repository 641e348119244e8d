// Reads a CertRep (RFC 8894 §3.3.2): pkiStatus / failInfo / nonces from the signed attributes, the
// signature checked with the signer certificate (the CertRep's own, else GetCACert's), and on
// SUCCESS the issued certificate from the degenerate PKCS#7 enveloped to our transient key.
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificatesFromPkcs7 } from '../../shared/parse/certificates';
import { bytes, contentInfo, der, OIDS, openEnvelope, own } from './scep-crypto';
import { SCEP } from './scep-message';
import type { Requester } from './scep-message';

export interface CertRep {
  messageType: string | null;
  /** Raw values: `0`, `2`, `3`; failInfo `0`–`4`. */
  pkiStatus: string | null;
  failInfo: string | null;
  failInfoText: string | null;
  transactionId: string | null;
  recipientNonce: Uint8Array | null;
  senderNonce: Uint8Array | null;
  signatureValid: boolean | null;
  /** Subject of the certificate that signed the CertRep. */
  signer: string | null;
  /** The issued certificate (the one with our public key), DER. */
  issued: Uint8Array | null;
  /** Why the encrypted content could not be read (status fields are still valid). */
  error: string | null;
}

function attrValue(sd: pkijs.SignedData, oid: string): unknown {
  const a = sd.signerInfos[0]?.signedAttrs?.attributes.find((x) => x.type === oid);
  const v = a?.values[0] as { getValue?: () => unknown } | undefined;
  return v?.getValue ? v.getValue() : null;
}

function text(sd: pkijs.SignedData, oid: string): string | null {
  const v = attrValue(sd, oid);
  return typeof v === 'string' ? v : null;
}

function octets(sd: pkijs.SignedData, oid: string): Uint8Array | null {
  const v = attrValue(sd, oid);
  return v instanceof ArrayBuffer ? new Uint8Array(v) : null;
}

/** `CN=…, O=…` of a pkijs name (short names for the usual attributes). */
export function dnText(n: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '2.5.4.6': 'C',
    '0.9.2342.19200300.100.1.25': 'DC',
  };
  return n.typesAndValues
    .map((t) => `${short[t.type] ?? t.type}=${String(t.value.valueBlock.value)}`)
    .join(', ');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const DIGESTS: Record<string, string> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

function signerCert(
  si: pkijs.SignerInfo,
  certs: pkijs.Certificate[],
): pkijs.Certificate | undefined {
  const sid = si.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return certs.find(
      (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
    );
  return undefined;
}

/**
 * RFC 5652 §5.4 verification done here rather than by pkijs, which refuses a SignedData without
 * eContent, exactly what a FAILURE or PENDING CertRep is (RFC 8894 §3.3.2).
 */
function verify(sd: pkijs.SignedData, extra: Uint8Array[]): [boolean | null, string | null] {
  const si = sd.signerInfos[0];
  const certs = (sd.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  for (const d of extra) certs.push(pkijs.Certificate.fromBER(own(d)));
  const cert = si ? signerCert(si, certs) : undefined;
  const hash = si ? DIGESTS[si.digestAlgorithm.algorithmId] : undefined;
  if (!si?.signedAttrs || !cert || !hash) return [null, cert ? dnText(cert.subject) : null];
  const eContent = sd.encapContentInfo.eContent;
  const content =
    eContent instanceof asn1js.OctetString ? bytes(eContent.getValue()) : new Uint8Array(0);
  const md = attrValue(sd, '1.2.840.113549.1.9.4');
  const digest = createHash(hash).update(content).digest();
  if (!(md instanceof ArrayBuffer) || !sameBytes(new Uint8Array(md), digest))
    return [false, dnText(cert.subject)];
  const signed = new Uint8Array(si.signedAttrs.encodedValue.slice(0));
  signed[0] = 0x31; // signed over as SET OF, sent as [0] IMPLICIT
  try {
    const key = new X509Certificate(Buffer.from(der(cert))).publicKey;
    const ok = cryptoVerify(hash, signed, key, si.signature.valueBlock.valueHexView);
    return [ok, dnText(cert.subject)];
  } catch {
    return [false, dnText(cert.subject)];
  }
}

function certsOf(p7: Uint8Array): Promise<Uint8Array[]> | Uint8Array[] {
  return certificatesFromPkcs7(p7).catch(() => {
    // BER (indefinite lengths) from some servers: pkijs reads it, re-encoding each certificate.
    const sd = new pkijs.SignedData({
      schema: contentInfo(p7, OIDS.signedData, 'the issued PKCS#7').content,
    });
    return (sd.certificates ?? []).filter((c) => c instanceof pkijs.Certificate).map((c) => der(c));
  });
}

/** Decodes a CertRep for `r`; throws when the body is not a CMS SignedData at all. */
export async function decodeCertRep(
  data: Uint8Array,
  r: Requester,
  caCerts: Uint8Array[],
): Promise<CertRep> {
  const sd = new pkijs.SignedData({
    schema: contentInfo(data, OIDS.signedData, 'the PKIOperation answer').content,
  });
  if (!sd.signerInfos[0]?.signedAttrs)
    throw new Error('the SignedData has no signed SCEP attributes');
  const [signatureValid, signer] = verify(sd, caCerts);
  const rep: CertRep = {
    messageType: text(sd, SCEP.messageType),
    pkiStatus: text(sd, SCEP.pkiStatus),
    failInfo: text(sd, SCEP.failInfo),
    failInfoText: text(sd, SCEP.failInfoText),
    transactionId: text(sd, SCEP.transactionId),
    recipientNonce: octets(sd, SCEP.recipientNonce),
    senderNonce: octets(sd, SCEP.senderNonce),
    signatureValid,
    signer,
    issued: null,
    error: null,
  };
  if (rep.pkiStatus?.trim() !== '0') return rep;
  try {
    const eContent = sd.encapContentInfo.eContent;
    if (!(eContent instanceof asn1js.OctetString))
      throw new Error('SUCCESS without encrypted content');
    const p7 = openEnvelope(bytes(eContent.getValue()), r.keyObject);
    const spki = bytes(await globalThis.crypto.subtle.exportKey('spki', r.keys.publicKey));
    const certs = await certsOf(p7);
    rep.issued =
      certs.find((d) =>
        sameBytes(der(pkijs.Certificate.fromBER(own(d)).subjectPublicKeyInfo), spki),
      ) ?? null;
    if (!rep.issued)
      rep.error = `none of the ${certs.length} returned certificates holds our public key`;
  } catch (e) {
    rep.error = (e as Error).message;
  }
  return rep;
}
