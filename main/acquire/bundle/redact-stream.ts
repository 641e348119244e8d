// Byte-level glue of the redaction engine: splits a file stream into lines in its own encoding
// (UTF-8/ANSI/OEM or UTF-16LE/BE, BOM kept), hands each decoded line to a pure LineTransform and
// writes back the original bytes of every unchanged line, so a redacted log differs from the
// original only where a value was replaced. Logs can be gigabytes: nothing is held but one line.
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import type { LineTransform } from '../../../shared/redact/redactor';
import type { ByteLine } from './w3c-bytes';

/** 8-bit code page for lines that are neither ASCII nor valid UTF-8. */
export type Fallback = 'windows-1252' | 'cp437' | 'cp850';

/** A line longer than this (binary junk without newlines) is processed in pieces. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

type Unit = 'byte' | 'utf16le' | 'utf16be';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Encoding of a text file from its first bytes: BOM, or UTF-16 without BOM by its zero bytes. */
export function sniffUnit(head: Buffer): { unit: Unit; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { unit: 'byte', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { unit: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { unit: 'utf16be', bom: 2 };
  // Same rule as shared/parse/text-decode: ASCII-range UTF-16 has a zero in every other byte.
  const n = Math.min(head.length, 64) & ~1;
  const pairs = n / 2;
  if (pairs >= 8) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) even++;
      if (head[i + 1] === 0) odd++;
    }
    if (odd >= pairs * 0.4 && even <= pairs * 0.1) return { unit: 'utf16le', bom: 0 };
    if (even >= pairs * 0.4 && odd <= pairs * 0.1) return { unit: 'utf16be', bom: 0 };
  }
  return { unit: 'byte', bom: 0 };
}

/** True when the first bytes look like binary data rather than text. */
export function looksBinary(head: Buffer): boolean {
  if (sniffUnit(head).unit !== 'byte') return false;
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > n * 0.02;
}

interface Codec {
  decode(buf: Buffer, s: number, e: number): string;
  encode(text: string): Buffer;
}

function byteCodec(fallback: Fallback): Codec {
  let last: 'ascii' | 'utf8' | Fallback = 'ascii';
  return {
    decode(buf, s, e) {
      const sub = buf.subarray(s, e);
      if (isAscii(sub)) {
        last = 'ascii';
        return buf.toString('latin1', s, e);
      }
      try {
        const t = utf8.decode(sub);
        last = 'utf8';
        return t;
      } catch {
        last = fallback;
        return iconv.decode(sub, fallback);
      }
    },
    encode(text) {
      if (last === 'ascii' || last === 'utf8') return Buffer.from(text, 'utf8');
      return iconv.encode(text, last);
    },
  };
}

function utf16Codec(be: boolean): Codec {
  return {
    decode(buf, s, e) {
      if (!be) return buf.toString('utf16le', s, e - ((e - s) % 2));
      const copy = Buffer.from(buf.subarray(s, e - ((e - s) % 2)));
      return copy.swap16().toString('utf16le');
    },
    encode(text) {
      const b = Buffer.from(text, 'utf16le');
      return be ? b.swap16() : b;
    },
  };
}

/** Redacts a text stream line by line; yields output chunks (original bytes where unchanged). */
export async function* redactLines(
  input: AsyncIterable<Buffer>,
  t: LineTransform,
  fallback: Fallback,
  signal?: AbortSignal,
  byteLine?: ByteLine,
): AsyncGenerator<Buffer> {
  let codec: Codec | null = null;
  let width = 1;
  let lf = Buffer.from([10]);
  let cr = Buffer.from([13]);
  let carry: Buffer | null = null;
  let eol = Buffer.from([13, 10]);
  const out: Buffer[] = [];

  /** Output of one line `buf[s, e)` whose terminator is `buf[e, next)`. */
  const line = (buf: Buffer, s: number, e: number, term: Buffer): boolean => {
    if (byteLine && width === 1) {
      const pieces = byteLine(buf, s, e);
      if (pieces === null) return false;
      for (const p of pieces) out.push(p);
      if (term.length > 0) out.push(term);
      return true;
    }
    const text = codec!.decode(buf, s, e);
    const res = t.push(text);
    if (res === text) return false;
    if (res === null) return true;
    const lines = typeof res === 'string' ? [res] : res;
    lines.forEach((l, i) => {
      out.push(codec!.encode(l));
      if (term.length > 0) out.push(term);
      else if (i < lines.length - 1) out.push(eol);
    });
    return true;
  };

  let eolSeen = false;
  /** Handles every complete line of `buf` from `pos`; returns where the unfinished line starts. */
  const scan = (buf: Buffer, pos: number): number => {
    let keep = pos;
    for (;;) {
      let nl = buf.indexOf(lf, pos);
      while (nl >= 0 && (nl - pos) % width !== 0) nl = buf.indexOf(lf, nl + 1);
      if (nl < 0) break;
      const hasCr = nl - pos >= width && buf.subarray(nl - width, nl).equals(cr);
      const end = hasCr ? nl - width : nl;
      const term = buf.subarray(end, nl + width);
      if (!eolSeen) {
        eol = Buffer.from(term);
        eolSeen = true;
      }
      const before = out.length;
      if (line(buf, pos, end, term)) {
        if (pos > keep) out.splice(before, 0, buf.subarray(keep, pos));
        keep = nl + width;
      }
      pos = nl + width;
    }
    if (pos > keep) out.push(buf.subarray(keep, pos));
    return pos;
  };

  for await (const raw of input) {
    signal?.throwIfAborted();
    let chunk = raw;
    if (!codec) {
      const { unit, bom } = sniffUnit(chunk);
      codec = unit === 'byte' ? byteCodec(fallback) : utf16Codec(unit === 'utf16be');
      width = unit === 'byte' ? 1 : 2;
      if (unit === 'utf16le')
        [lf, cr, eol] = [Buffer.from([10, 0]), Buffer.from([13, 0]), Buffer.from([13, 0, 10, 0])];
      if (unit === 'utf16be')
        [lf, cr, eol] = [Buffer.from([0, 10]), Buffer.from([0, 13]), Buffer.from([0, 13, 0, 10])];
      if (bom > 0) {
        yield chunk.subarray(0, bom);
        chunk = chunk.subarray(bom);
      }
    }
    let buf: Buffer = chunk;
    let from = 0;
    if (carry && width === 1) {
      // Only the line that straddles the chunks is copied, not the whole chunk.
      const nl = chunk.indexOf(10);
      if (nl >= 0) {
        const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        scan(head, 0);
        from = nl + 1;
      } else buf = Buffer.concat([carry, chunk]);
    } else if (carry) buf = Buffer.concat([carry, chunk]);
    const pos = scan(buf, from);
    carry = pos < buf.length ? buf.subarray(pos) : null;
    if (carry && carry.length > MAX_LINE_BYTES) {
      const cut = carry.length - (carry.length % width);
      if (!line(carry, 0, cut, Buffer.alloc(0))) out.push(carry.subarray(0, cut));
      carry = cut < carry.length ? Buffer.from(carry.subarray(cut)) : null;
    }
    if (out.length > 0) yield Buffer.concat(out.splice(0));
  }
  if (!codec) return;
  if (carry && carry.length > 0) {
    const term = Buffer.alloc(0);
    if (!line(carry, 0, carry.length, term)) out.push(carry);
  }
  for (const l of t.end()) out.push(codec.encode(l), eol);
  if (out.length > 0) yield Buffer.concat(out);
}
