// W3C log rows redacted on their bytes: rows are kilobytes (PKIOperation queries carry the whole
// SCEP message), but only a few short columns change, so the row is cut at its spaces with memchr,
// those columns alone are decoded and handed to the pure W3cTransform, and the rest is copied.
import { isAscii } from 'node:buffer';
import type { W3cTransform } from '../../../shared/redact/lines';

/** Replacement pieces of a row (no terminator), or null when the row is unchanged. */
export type ByteLine = (buf: Buffer, s: number, e: number) => Buffer[] | null;

function text(buf: Buffer, s: number, e: number): string {
  return isAscii(buf.subarray(s, e)) ? buf.toString('latin1', s, e) : buf.toString('utf8', s, e);
}

function startsWithCi(buf: Buffer, s: number, e: number, lower: string): boolean {
  if (e - s < lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((buf[s + i]! | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

export function w3cByteLine(t: W3cTransform): ByteLine {
  return (buf, s, e) => {
    if (e === s) return null;
    if (buf[s] === 35) {
      const line = text(buf, s, e);
      const out = t.directive(line);
      return out === line ? null : [Buffer.from(out, 'utf8')];
    }
    const pieces: Buffer[] = [];
    let copied = s;
    const splice = (a: number, b: number, value: string) => {
      pieces.push(buf.subarray(copied, a), Buffer.from(value, 'utf8'));
      copied = b;
    };
    let col = 0;
    let pos = s;
    while (pos <= e) {
      let sp = buf.indexOf(32, pos);
      if (sp < 0 || sp > e) sp = e;
      const kind = t.kinds[col] ?? 'text';
      if (kind !== 'skip' && sp > pos && !(sp - pos === 1 && buf[pos] === 45)) {
        if (kind === 'query') query(t, buf, pos, sp, splice);
        else {
          const v = text(buf, pos, sp);
          const out = t.field(kind, v);
          if (out !== v) splice(pos, sp, out);
        }
      }
      col++;
      pos = sp + 1;
    }
    if (pieces.length === 0) return null;
    pieces.push(buf.subarray(copied, e));
    return pieces;
  };
}

function query(
  t: W3cTransform,
  buf: Buffer,
  s: number,
  e: number,
  splice: (a: number, b: number, value: string) => void,
): void {
  const params: [number, number][] = [];
  let pki = false;
  for (let a = s; a <= e;) {
    let b = buf.indexOf(38, a);
    if (b < 0 || b > e) b = e;
    params.push([a, b]);
    if (startsWithCi(buf, a, b, 'operation=') && b - a === 22) {
      pki = startsWithCi(buf, a + 10, b, 'pkioperation');
    }
    a = b + 1;
  }
  for (const [a, b] of params) {
    if (pki && startsWithCi(buf, a, b, 'message=')) {
      if (!t.fillsMessages()) continue;
      const fill = t.messageFill(text(buf, a + 8, b));
      if (fill !== null) splice(a + 8, b, fill);
      continue;
    }
    const p = text(buf, a, b);
    const out = t.param(p);
    if (out !== p) splice(a, b, out);
  }
}
