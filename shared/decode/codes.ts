// Numeric code plumbing shared by the decoding tables: Windows writes the same code as 0x8…,
// as a signed int32 (event data, `-2146875392`) or as an unsigned decimal (IIS sc-win32-status).

/** Value of a code as an unsigned 32-bit number; null when it is not one. */
export function parseCode(code: string | number): number | null {
  if (typeof code === 'number') {
    if (!Number.isInteger(code) || code < -0x80000000 || code > 0xffffffff) return null;
    return code >>> 0;
  }
  const s = code.trim();
  if (/^0x[0-9a-f]+$/i.test(s)) {
    const v = parseInt(s.slice(2), 16);
    return v <= 0xffffffff ? v : null;
  }
  if (/^-?\d+$/.test(s)) return parseCode(Number(s));
  return null;
}

/** `0x%08X`: the form event data and Microsoft docs use for HRESULTs. */
export function hex8(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** First `0x` token of exactly 8 hex digits (not part of a longer word), as `0x%08X`. */
export function findHex8(text: string): string | null {
  const m = /(?<![0-9A-Za-z_])0x[0-9a-fA-F]{8}(?![0-9A-Za-z_])/.exec(text);
  return m ? hex8(parseInt(m[0].slice(2), 16)) : null;
}
