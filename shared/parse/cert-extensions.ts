// Decodes the extensions @peculiar/x509 has no class for (Microsoft certificate-template
// extensions, MS-WCCE 2.2.2.7.7) and the SAN, which x509 rejects outright when it holds an otherName
// it does not know (Windows puts several there), so one odd SAN entry cannot hide a whole cert.
import { Name } from './x509-lib';
import {
  TAG,
  children,
  decodeOid,
  decodeSmallInt,
  decodeString,
  isContext,
  isUniversal,
  readTlv,
  toHex,
  valueOf,
} from './der';
import type { Tlv } from './der';

const OID_UPN = '1.3.6.1.4.1.311.20.2.3';
const OID_NTDS_GUID = '1.3.6.1.4.1.311.25.1';

/** szOID_ENROLL_CERTTYPE_EXTENSION: a bare string such as BMPString "CEPEncryption". */
export function decodeTemplateName(value: Uint8Array): string | null {
  return decodeString(value, readTlv(value, 0));
}

/** szOID_CERTIFICATE_TEMPLATE: SEQUENCE { templateID, majorVersion, minorVersion OPTIONAL }. */
export function decodeTemplateV2(value: Uint8Array): {
  oid: string | null;
  major: number | null;
  minor: number | null;
} {
  const [id, major, minor] = children(value, readTlv(value, 0));
  const int = (t: Tlv | undefined) =>
    isUniversal(t, TAG.integer) ? decodeSmallInt(valueOf(value, t)) : null;
  return {
    oid: isUniversal(id, TAG.oid) ? decodeOid(valueOf(value, id)) : null,
    major: int(major),
    minor: int(minor),
  };
}

function ipText(v: Uint8Array): string {
  if (v.length === 4) return Array.from(v).join('.');
  if (v.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2)
      groups.push((((v[i] ?? 0) << 8) | (v[i + 1] ?? 0)).toString(16));
    return groups.join(':');
  }
  return toHex(v);
}

/** Windows GUID text: the first three fields are stored little-endian. */
function guidText(v: Uint8Array): string {
  const h = Array.from(v, (b) => b.toString(16).padStart(2, '0'));
  const le = (from: number, to: number) => h.slice(from, to).reverse().join('');
  const be = (from: number, to: number) => h.slice(from, to).join('');
  return `${le(0, 4)}-${le(4, 6)}-${le(6, 8)}-${be(8, 10)}-${be(10, 16)}`;
}

function otherName(bytes: Uint8Array, t: Tlv): string {
  const [typeId, wrapped] = children(bytes, t);
  const oid = isUniversal(typeId, TAG.oid) ? decodeOid(valueOf(bytes, typeId)) : '?';
  const inner = isContext(wrapped, 0) ? children(bytes, wrapped)[0] : undefined;
  if (oid === OID_UPN && inner) return `upn:${decodeString(bytes, inner) ?? ''}`;
  if (oid === OID_NTDS_GUID && isUniversal(inner, TAG.octetString)) {
    const v = valueOf(bytes, inner);
    if (v.length === 16) return `guid:${guidText(v)}`;
  }
  return `otherName:${oid}`;
}

/** Splits a SubjectAltName value into dNSNames and other entries written `type:value`. */
export function decodeSan(value: Uint8Array): { dns: string[]; other: string[] } {
  const dns: string[] = [];
  const other: string[] = [];
  const latin = (t: Tlv) => new TextDecoder('windows-1252').decode(valueOf(value, t));
  for (const gn of children(value, readTlv(value, 0))) {
    if (gn.cls !== 2) continue;
    switch (gn.num) {
      case 0:
        other.push(otherName(value, gn));
        break;
      case 1:
        other.push(`email:${latin(gn)}`);
        break;
      case 2:
        dns.push(latin(gn));
        break;
      case 4: {
        const name = children(value, gn)[0];
        if (name) other.push(`dn:${new Name(value.slice(name.start, name.end)).toString()}`);
        break;
      }
      case 6:
        other.push(`url:${latin(gn)}`);
        break;
      case 7:
        other.push(`ip:${ipText(valueOf(value, gn))}`);
        break;
      case 8:
        other.push(`id:${decodeOid(valueOf(value, gn))}`);
        break;
      default:
        other.push(`${gn.num === 3 ? 'x400' : 'edi'}:${toHex(valueOf(value, gn))}`);
    }
  }
  return { dns, other };
}
