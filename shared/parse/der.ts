// Minimal bounded DER/BER reader for the parts of certificates and PKCS#7 that @peculiar/x509 does
// not expose or re-encodes: exact byte ranges (thumbprints are over the original DER), Microsoft
// template extensions, algorithm OIDs. Every read is bounds-checked so garbage gives a ParseError.
import { ParseError } from './errors';

/** One tag-length-value element. Offsets index the buffer it was read from. */
export interface Tlv {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  /** Tag number (low-tag or high-tag form). */
  num: number;
  /** Offset of the identifier octet. */
  start: number;
  valueStart: number;
  /** End of the contents (before the end-of-contents octets of an indefinite length). */
  valueEnd: number;
  /** Offset just past the element. */
  end: number;
}

/** Nesting deeper than this is not a certificate; it stops stack exhaustion on crafted input. */
const MAX_DEPTH = 64;

function fail(what: string, offset: number): never {
  throw new ParseError(`malformed ASN.1: ${what} at byte ${offset}`);
}

/** Reads the element at `offset`, which must end at or before `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) fail('nesting too deep', offset);
  let p = offset;
  if (p >= limit) fail('unexpected end of data', p);
  const id = bytes[p++] ?? 0;
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let num = id & 0x1f;
  if (num === 0x1f) {
    num = 0;
    for (let i = 0; ; i++) {
      if (p >= limit || i >= 4) fail('bad tag number', p);
      const b = bytes[p++] ?? 0;
      num = num * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= limit) fail('missing length', p);
  const first = bytes[p++] ?? 0;
  if (first === 0x80) {
    if (!constructed) fail('indefinite length on a primitive element', offset);
    const valueStart = p;
    while (true) {
      if (p + 2 <= limit && bytes[p] === 0 && bytes[p + 1] === 0) {
        return { cls, constructed, num, start: offset, valueStart, valueEnd: p, end: p + 2 };
      }
      p = readTlv(bytes, p, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || n === 0) fail('unsupported length', p - 1);
    length = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) fail('truncated length', p);
      length = length * 256 + (bytes[p++] ?? 0);
    }
  }
  const end = p + length;
  if (end > limit) fail(`element of ${length} bytes runs past the end (truncated)`, offset);
  return { cls, constructed, num, start: offset, valueStart: p, valueEnd: end, end };
}

/** Direct children of a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv, depth = 0): Tlv[] {
  if (!parent.constructed) fail('expected a constructed element', parent.start);
  const out: Tlv[] = [];
  let p = parent.valueStart;
  while (p < parent.valueEnd) {
    const t = readTlv(bytes, p, parent.valueEnd, depth + 1);
    out.push(t);
    p = t.end;
  }
  return out;
}

/** Universal tag numbers used here. */
export const TAG = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  oid: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  teletexString: 20,
  ia5String: 22,
  universalString: 28,
  bmpString: 30,
} as const;

export function isUniversal(t: Tlv | undefined, num: number): t is Tlv {
  return t !== undefined && t.cls === 0 && t.num === num;
}

export function isContext(t: Tlv | undefined, num: number): t is Tlv {
  return t !== undefined && t.cls === 2 && t.num === num;
}

/** Contents of an element. */
export function valueOf(bytes: Uint8Array, t: Tlv): Uint8Array {
  return bytes.subarray(t.valueStart, t.valueEnd);
}

/** Dotted form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(v: Uint8Array): string {
  if (v.length === 0) throw new ParseError('malformed ASN.1: empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let n = 0;
  for (const b of v) {
    n = n * 128 + (b & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER / 256) throw new ParseError('malformed ASN.1: OID arc too big');
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else arcs.push(n);
      n = 0;
    }
  }
  return arcs.join('.');
}

/** Text of a character-string element, or null when the tag is not a string type. */
export function decodeString(bytes: Uint8Array, t: Tlv): string | null {
  if (t.cls !== 0) return null;
  const v = valueOf(bytes, t);
  switch (t.num) {
    case TAG.utf8String:
      return new TextDecoder('utf-8').decode(v);
    case TAG.printableString:
    case TAG.ia5String:
    case 18: // NumericString
    case 26: // VisibleString
    case TAG.teletexString: // T.61 in practice carries Latin-1
      return new TextDecoder('windows-1252').decode(v);
    case TAG.bmpString:
      return new TextDecoder('utf-16be').decode(v.length % 2 ? v.subarray(0, v.length - 1) : v);
    case TAG.universalString: {
      let s = '';
      for (let i = 0; i + 3 < v.length; i += 4) {
        const cp = (((v[i] ?? 0) << 24) | ((v[i + 1] ?? 0) << 16) | ((v[i + 2] ?? 0) << 8)) >>> 0;
        s += String.fromCodePoint(Math.min(cp + (v[i + 3] ?? 0), 0x10ffff));
      }
      return s;
    }
    default:
      return null;
  }
}

/** Upper-case hex of bytes. */
export function toHex(v: Uint8Array): string {
  let s = '';
  for (const b of v) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** Value of a small non-negative INTEGER, or null when it does not fit in a safe integer. */
export function decodeSmallInt(v: Uint8Array): number | null {
  if (v.length === 0 || v.length > 6 || ((v[0] ?? 0) & 0x80) !== 0) return null;
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}
