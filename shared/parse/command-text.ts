// Line splitting shared by the parsers of redirected Windows command output (netsh, setspn,
// certutil, sc, reg query). Text arrives already decoded; binary junk is refused here so that a
// mis-decoded or corrupt artifact becomes a ParseError instead of a silently empty result.
import { ParseError } from './errors';

/** Control characters other than tab/LF/VT/FF/CR, plus U+FFFD left behind by a failed decode. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const JUNK = /[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g;

/**
 * Splits decoded command output into lines (BOM stripped; CRLF, LF and the `\r\r\n` some
 * redirections produce all end a line). Throws ParseError when the text looks binary: any NUL
 * (typically UTF-16 decoded as 8-bit) or more than 5% junk characters in the first 8 KiB.
 */
export function commandLines(text: string, what: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\u0000')) {
    throw new ParseError(`${what}: binary content (NUL characters); wrong decoding or not text`);
  }
  const head = body.slice(0, 8192);
  const junk = head.match(JUNK)?.length ?? 0;
  if (head.length > 0 && junk / head.length > 0.05) {
    throw new ParseError(`${what}: binary or undecodable content (${junk} control characters)`);
  }
  if (body.trim() === '') return [];
  return body.split('\n').map((l) => l.replace(/\r+$/, ''));
}

/**
 * Splits `label<spaces>: value` where the label itself may contain colons (`IP:port`). The
 * separator is the first colon that has whitespace before it and whitespace or end-of-line after
 * it; failing that, the first `: `. Returns null for lines without a separator.
 */
export function splitLabelValue(line: string): { label: string; value: string } | null {
  let m = /\s:(?=\s|$)/.exec(line);
  let at = m ? m.index + 1 : -1;
  if (at < 0) {
    m = /:(?=\s|$)/.exec(line);
    at = m ? m.index : -1;
  }
  if (at < 0) return null;
  const label = line.slice(0, at).trim();
  if (label === '') return null;
  return { label, value: line.slice(at + 1).trim() };
}
