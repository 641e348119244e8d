// Accepts a certificate or PKCS#7 either as binary DER or as text: PEM from `certutil -encode`
// (which labels every payload "CERTIFICATE", even a .p7b) or bare base64 like certs/index.json `Der`.
import { ParseError } from './errors';

/**
 * PEM is ASCII, but PowerShell 5.1 `Out-File` writes it as UTF-16LE. Decoded here rather than
 * through text-decode so this module (and certificates.ts) pulls no iconv-lite into a bundle.
 */
function asciiText(b: Uint8Array): string {
  const le = (b[0] === 0xff && b[1] === 0xfe) || (b.length > 3 && b[1] === 0 && b[3] === 0);
  const be = (b[0] === 0xfe && b[1] === 0xff) || (b.length > 3 && b[0] === 0 && b[2] === 0);
  const even = b.length % 2 ? b.subarray(0, b.length - 1) : b;
  if (le) return new TextDecoder('utf-16le').decode(even);
  if (be) return new TextDecoder('utf-16be').decode(even);
  return new TextDecoder('utf-8').decode(b);
}

/** Decodes standard base64 (whitespace ignored); null when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return null;
  let bin: string;
  try {
    bin = atob(clean);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Returns the DER bytes of `input`: unchanged when it starts like a DER SEQUENCE, otherwise the
 * first PEM block (any label) or the whole text as bare base64. `what` names the expected content
 * in error messages.
 */
export function unwrapDer(input: Uint8Array, what: string): Uint8Array {
  if (input.length === 0) throw new ParseError(`${what}: the input is empty`);
  if (input[0] === 0x30) return input;
  const text = asciiText(input);
  const begin = text.indexOf('-----BEGIN ');
  if (begin >= 0) {
    const labelEnd = text.indexOf('-----', begin + 11);
    if (labelEnd < 0) throw new ParseError(`${what}: PEM BEGIN line is not closed`);
    const label = text.slice(begin + 11, labelEnd);
    const endMarker = `-----END ${label}-----`;
    const bodyEnd = text.indexOf(endMarker, labelEnd + 5);
    if (bodyEnd < 0) throw new ParseError(`${what}: PEM block "${label}" has no END line`);
    // RFC 1421 headers ("Proc-Type: …") are lines with a colon; they are not part of the payload.
    const body = text
      .slice(labelEnd + 5, bodyEnd)
      .split(/\r?\n|\r/)
      .filter((l) => !l.includes(':'))
      .join('');
    const der = base64ToBytes(body);
    if (!der) throw new ParseError(`${what}: PEM block "${label}" is not valid base64`);
    return der;
  }
  const bare = base64ToBytes(text);
  if (bare && bare[0] === 0x30) return bare;
  throw new ParseError(`${what}: the input is neither DER nor PEM`);
}
