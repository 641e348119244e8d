// Turns raw artifact bytes into text. Windows tools write UTF-16LE with BOM (regedit, secedit,
// PowerShell 5.1 `>`), UTF-8 with or without BOM, or the OEM code page for cmd.exe `>` redirection
// (https://learn.microsoft.com/windows/win32/intl/code-pages), so the encoding is sniffed, never assumed.
import iconv from 'iconv-lite';

export type TextEncodingName =
  'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'cp850' | 'cp437';

export type FallbackEncoding = 'windows-1252' | 'cp850' | 'cp437';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** How many leading bytes the BOM-less UTF-16 heuristic looks at. */
const SNIFF_BYTES = 64;

function decodeUtf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): string {
  // A file cut mid-character leaves a lone trailing byte; drop it rather than emit U+FFFD.
  const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  return new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(even);
}

/**
 * UTF-16 without BOM: ASCII-range text has a zero in every other byte. Returns the byte order when
 * most code units in the first bytes look like that, otherwise undefined.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  const pairs = n / 2;
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd >= pairs * 0.4 && zeroEven <= pairs * 0.1) return 'utf-16le';
  if (zeroEven >= pairs * 0.4 && zeroOdd <= pairs * 0.1) return 'utf-16be';
  return undefined;
}

/** Code points of windows-1252 bytes 0x80–0x9F (the rest equals Latin-1), per WHATWG Encoding. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * ANSI (windows-1252) bytes to text. Hand-rolled because Node's TextDecoder decodes the label as
 * Latin-1 since v20.18.3 (nodejs/node#60888), and iconv-lite needs Buffer, which the renderer lacks.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const units = Array.from(bytes.subarray(start, start + CHUNK), (b) =>
      b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b,
    );
    parts.push(String.fromCharCode(...units));
  }
  return parts.join('');
}

function decodeFallback(bytes: Uint8Array, fallback: FallbackEncoding): string {
  // The OEM code pages are not in the WHATWG encoding list, hence iconv-lite.
  if (fallback === 'windows-1252') return decodeWindows1252(bytes);
  return iconv.decode(bytes, fallback);
}

/**
 * Decodes bytes by sniffing: BOM (UTF-16LE, UTF-16BE, UTF-8), then the UTF-16 zero-byte
 * heuristic, then strict UTF-8, else `fallback` (default windows-1252). The BOM never appears in
 * `text`. Never throws on odd lengths or invalid sequences.
 */
export function decodeText(bytes: Uint8Array, opts?: { fallback?: FallbackEncoding }): DecodedText {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) {
    return { text: decodeUtf16(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { text: decodeUtf16(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
    return { text, encoding: 'utf-8-bom' };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16), encoding: utf16 };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    const fallback = opts?.fallback ?? 'windows-1252';
    return { text: decodeFallback(bytes, fallback), encoding: fallback };
  }
}

/**
 * Splits on CRLF, LF or a lone CR. A final line break does not produce a trailing empty line,
 * so index + 1 is the 1-based line number an editor shows.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
