// Splits a byte stream into lines without holding the file: logs can be gigabytes. A line longer
// than the cap (binary garbage, no newlines) is cut and reported rather than buffered without end.
import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';

/** Longest line kept whole; the rest of an over-long line is dropped and counted. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface LineStreamStats {
  bytes: number;
  lines: number;
  overlongLines: number;
}

/**
 * Calls `onLine(text, lineNo)` for each line (CRLF/LF; the terminator is not included). Text is
 * decoded as UTF-8 (IIS and HTTP.sys write ASCII/UTF-8). Returns byte and line counts.
 */
export async function forEachLine(
  stream: Readable,
  onLine: (text: string, lineNo: number) => void,
  onProgress?: (bytes: number) => void,
): Promise<LineStreamStats> {
  const stats: LineStreamStats = { bytes: 0, lines: 0, overlongLines: 0 };
  let carry: Buffer | null = null;
  let dropping = false;
  // IIS writes ASCII almost always: a chunk that is all ASCII is sliced as latin1 (a plain copy),
  // which is much cheaper than UTF-8 decoding and gives the same text.
  let encoding: 'latin1' | 'utf8' = 'utf8';
  const emit = (buf: Buffer, start: number, end: number) => {
    if (end > start && buf[end - 1] === 13) end--;
    stats.lines++;
    onLine(buf.toString(encoding, start, end), stats.lines);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    stats.bytes += chunk.length;
    const buf = chunk;
    encoding = isAscii(chunk) ? 'latin1' : 'utf8';
    let pos = 0;
    if (carry) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        carry = appendCapped(carry, chunk, stats, () => (dropping = true), dropping);
        onProgress?.(stats.bytes);
        continue;
      }
      const joined: Buffer = Buffer.concat([carry, chunk.subarray(0, nl)]);
      if (encoding === 'latin1' && !isAscii(joined)) encoding = 'utf8';
      if (dropping) {
        stats.lines++;
        onLine(joined.toString('utf8', 0, Math.min(joined.length, 4096)), stats.lines);
        dropping = false;
      } else emit(joined, 0, joined.length);
      carry = null;
      pos = nl + 1;
    }
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl === -1) break;
      emit(buf, pos, nl);
      pos = nl + 1;
    }
    if (pos < buf.length) {
      carry = appendCapped(
        Buffer.alloc(0),
        buf.subarray(pos),
        stats,
        () => (dropping = true),
        dropping,
      );
    }
    onProgress?.(stats.bytes);
  }
  if (carry && carry.length > 0) {
    stats.lines++;
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    onLine(carry.toString('utf8', 0, dropping ? Math.min(end, 4096) : end), stats.lines);
  }
  return stats;
}

function appendCapped(
  carry: Buffer,
  more: Buffer,
  stats: LineStreamStats,
  onOverlong: () => void,
  alreadyDropping: boolean,
): Buffer {
  if (carry.length + more.length <= MAX_LINE_BYTES) return Buffer.concat([carry, more]);
  // Keep the head (enough to report the line) and drop the rest.
  if (!alreadyDropping) {
    stats.overlongLines++;
    onOverlong();
  }
  return carry.length >= MAX_LINE_BYTES
    ? carry
    : Buffer.concat([carry, more.subarray(0, MAX_LINE_BYTES - carry.length)]);
}
