// Splits a byte stream into lines without holding the file: logs can be gigabytes. A line longer
// than the cap (binary garbage, no newlines) is cut and reported rather than buffered without end;
// where chunks happen to split it does not matter.
// Lines are handed over as bytes, so a reader that only needs a few columns never decodes the rest.
import { closeSync, openSync, readSync } from 'node:fs';

/** Longest line kept whole; the rest of an over-long line is dropped and counted. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Head of an over-long line that is still handed over (enough to report it). */
const OVERLONG_HEAD_BYTES = 4096;
/** Read size of `readFileChunks`: small enough for a chunk to be in the CPU cache when parsed. */
export const READ_CHUNK_BYTES = 256 * 1024;
/** Chunks read by `readFileChunks` between two turns of the event loop. */
const CHUNKS_PER_TURN = 32;

export interface LineStreamStats {
  bytes: number;
  lines: number;
  overlongLines: number;
}

/** Receives lines as bytes. */
export interface LineSink {
  /**
   * One line: `buf` from `start` to `end`, CRLF/LF terminator excluded. The bytes stay valid until
   * the next `chunkEnd` call, not longer.
   */
  line(buf: Buffer, start: number, end: number, lineNo: number): void;
  /** Called after the last line of each chunk, before its bytes may be reused. */
  chunkEnd?(): void;
}

/**
 * Hands each line of `chunks` to `sink` as bytes (CRLF/LF; the terminator is not included).
 * A chunk may be reused by its producer once the next one is asked for. Returns byte and line
 * counts.
 */
export async function forEachLineBytes(
  chunks: AsyncIterable<Buffer>,
  sink: LineSink,
  onProgress?: (bytes: number) => void,
): Promise<LineStreamStats> {
  const stats: LineStreamStats = { bytes: 0, lines: 0, overlongLines: 0 };
  // The start of a line that continues in a later chunk, copied (the chunk will be reused).
  const carry = new Carry(stats);
  const emit = (buf: Buffer, start: number, end: number) => {
    stats.lines++;
    if (end - start > MAX_LINE_BYTES) {
      stats.overlongLines++;
      sink.line(buf, start, start + OVERLONG_HEAD_BYTES, stats.lines);
      return;
    }
    if (end > start && buf[end - 1] === 13) end--;
    sink.line(buf, start, end, stats.lines);
  };
  for await (const chunk of chunks) {
    stats.bytes += chunk.length;
    let pos = 0;
    if (carry.length > 0) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        carry.append(chunk, 0, chunk.length);
        onProgress?.(stats.bytes);
        continue;
      }
      carry.append(chunk, 0, nl);
      if (carry.dropping) {
        stats.lines++;
        sink.line(carry.buf, 0, OVERLONG_HEAD_BYTES, stats.lines);
      } else emit(carry.buf, 0, carry.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl === -1) break;
      emit(chunk, pos, nl);
      pos = nl + 1;
    }
    // Lines handed over may point into the carry, so it is only overwritten after this.
    sink.chunkEnd?.();
    carry.clear();
    if (pos < chunk.length) carry.append(chunk, pos, chunk.length);
    onProgress?.(stats.bytes);
  }
  if (carry.length > 0) {
    if (carry.dropping) {
      stats.lines++;
      sink.line(carry.buf, 0, OVERLONG_HEAD_BYTES, stats.lines);
    } else emit(carry.buf, 0, carry.length);
    sink.chunkEnd?.();
  }
  return stats;
}

/**
 * The unfinished line at the end of a chunk, in one buffer reused for every line. It keeps at most
 * `MAX_LINE_BYTES`; a longer line is counted once and then only its head is handed over.
 */
class Carry {
  buf = Buffer.allocUnsafe(0);
  length = 0;
  dropping = false;

  constructor(private readonly stats: LineStreamStats) {}

  /** Appends `chunk[start..end)` up to the cap. */
  append(chunk: Buffer, start: number, end: number): void {
    let n = end - start;
    if (this.length + n > MAX_LINE_BYTES) {
      if (!this.dropping) {
        this.stats.overlongLines++;
        this.dropping = true;
      }
      n = Math.max(0, MAX_LINE_BYTES - this.length);
    }
    this.copy(chunk, start, start + n);
  }

  clear(): void {
    this.length = 0;
    this.dropping = false;
  }

  private copy(chunk: Buffer, start: number, end: number): void {
    const need = this.length + end - start;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2, 64 * 1024));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    chunk.copy(this.buf, this.length, start, end);
    this.length = need;
  }
}

/**
 * Calls `onLine(text, lineNo)` for each line (CRLF/LF; the terminator is not included). Text is
 * decoded as UTF-8 (IIS and HTTP.sys write ASCII/UTF-8). Returns byte and line counts.
 */
export function forEachLine(
  chunks: AsyncIterable<Buffer>,
  onLine: (text: string, lineNo: number) => void,
  onProgress?: (bytes: number) => void,
): Promise<LineStreamStats> {
  return forEachLineBytes(
    chunks,
    { line: (buf, start, end, lineNo) => onLine(buf.toString('utf8', start, end), lineNo) },
    onProgress,
  );
}

/** Read buffers of files already read, for the next ones. */
const spareBuffers: Buffer[] = [];

/**
 * Reads a file in chunks of `size` bytes into one buffer reused for the whole file: no memory is
 * allocated per chunk, and the bytes are parsed while still in the CPU cache. Reads are synchronous
 * (a page-cache copy is shorter than a round trip through the thread pool); the event loop gets a
 * turn every few megabytes. A chunk is only valid until the next one is asked for.
 */
export async function* readFileChunks(
  file: string,
  size = READ_CHUNK_BYTES,
): AsyncGenerator<Buffer, void, undefined> {
  const fd = openSync(file, 'r');
  const buffer =
    (size === READ_CHUNK_BYTES ? spareBuffers.pop() : undefined) ?? Buffer.allocUnsafeSlow(size);
  try {
    for (let n = 1; ; n++) {
      const bytesRead = readSync(fd, buffer, 0, size, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      if (n % CHUNKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
    if (buffer.length === READ_CHUNK_BYTES && spareBuffers.length < 4) spareBuffers.push(buffer);
  }
}
