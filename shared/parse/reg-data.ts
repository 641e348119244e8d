// Typed registry data from the raw bytes of a `.reg` `hex(N):` value (value types per
// https://learn.microsoft.com/windows/win32/sysinfo/registry-value-types). REGEDIT5 stores string
// types as UTF-16LE, REGEDIT4 as ANSI bytes, which changes how hex(1)/hex(2)/hex(7) decode.
import type { RegData } from './reg-file';
import { decodeWindows1252 } from './text-decode';

export const REG_NONE = 0;
export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_MULTI_SZ = 7;
export const REG_QWORD = 11;

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Parses the comma list of a hex value (`61,00,0a`); a trailing comma is allowed.
 * Returns undefined when a token is not one or two hex digits.
 */
export function parseHexList(list: string): Uint8Array | undefined {
  const trimmed = list.trim();
  if (trimmed === '') return new Uint8Array(0);
  const tokens = trimmed.split(',').map((t) => t.trim());
  if (tokens.length > 1 && tokens[tokens.length - 1] === '') tokens.pop();
  const out = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (!/^[0-9a-fA-F]{1,2}$/.test(t)) return undefined;
    out[i] = parseInt(t, 16);
  }
  return out;
}

/** Parses contiguous hex (`reg query` REG_BINARY form, `0030ab`); undefined when malformed. */
export function parseHexRun(run: string): Uint8Array | undefined {
  const t = run.trim();
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) return undefined;
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function decodeString(bytes: Uint8Array, ansi: boolean): string {
  if (ansi) return decodeWindows1252(bytes);
  const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(even);
}

function stripTrailingNuls(s: string): string {
  return s.replace(/\0+$/, '');
}

/**
 * REG_MULTI_SZ: each string is NUL-terminated and the list ends with one more NUL, but exports
 * in the wild may omit either terminator (`61,00,00,00` is one string). An empty string in the
 * middle is kept (`a\0\0b\0` is ['a', '', 'b']).
 */
function splitMultiSz(s: string): string[] {
  const parts = s.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Little-endian unsigned integer of up to 8 bytes, as a decimal string (may exceed 2^53). */
export function littleEndianDecimal(bytes: Uint8Array): string {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  return v.toString();
}

/** Maps a raw value type and its bytes to RegData. `ansi` is true for REGEDIT4 files. */
export function dataFromBytes(rawType: number, bytes: Uint8Array, ansi: boolean): RegData {
  switch (rawType) {
    case REG_NONE:
      return { type: 'REG_NONE', hex: toHex(bytes) };
    case REG_SZ:
      return { type: 'REG_SZ', value: stripTrailingNuls(decodeString(bytes, ansi)) };
    case REG_EXPAND_SZ:
      return { type: 'REG_EXPAND_SZ', value: stripTrailingNuls(decodeString(bytes, ansi)) };
    case REG_BINARY:
      return { type: 'REG_BINARY', hex: toHex(bytes) };
    case REG_DWORD:
      // hex(4) with a wrong byte count is accepted by regedit; keep it raw rather than guess.
      if (bytes.length === 4)
        return { type: 'REG_DWORD', value: Number(littleEndianDecimal(bytes)) };
      break;
    case REG_MULTI_SZ:
      return { type: 'REG_MULTI_SZ', value: splitMultiSz(decodeString(bytes, ansi)) };
    case REG_QWORD:
      if (bytes.length === 8) return { type: 'REG_QWORD', value: littleEndianDecimal(bytes) };
      break;
  }
  return { type: 'REG_OTHER', rawType, hex: toHex(bytes) };
}

/** Display form: strings as is, DWORD/QWORD decimal, multi-strings joined by ' | ', bytes as hex. */
export function regValueText(data: RegData): string {
  switch (data.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
    case 'REG_QWORD':
      return data.value;
    case 'REG_DWORD':
      return String(data.value);
    case 'REG_MULTI_SZ':
      return data.value.join(' | ');
    case 'REG_BINARY':
    case 'REG_NONE':
    case 'REG_OTHER':
      return data.hex;
    case 'DELETE':
      return '(delete)';
  }
}
