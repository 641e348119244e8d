import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  forEachLine,
  forEachLineBytes,
  MAX_LINE_BYTES,
  readFileChunks,
} from '../../../../main/analysis/line-stream';

async function lines(chunks: (string | Buffer)[]) {
  const out: [number, string][] = [];
  const stats = await forEachLine(
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
    (t, n) => out.push([n, t]),
  );
  return { out, stats };
}

/** Lines of `chunks` through `forEachLineBytes`, decoded when handed over. */
async function byteLines(chunks: AsyncIterable<Buffer>) {
  const out: [number, string][] = [];
  const stats = await forEachLineBytes(chunks, {
    line: (buf, s, e, n) => out.push([n, buf.toString('utf8', s, e)]),
  });
  return { out, stats };
}

function tempFile(content: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'line-stream-')), 'u_ex.log');
  writeFileSync(file, content);
  return file;
}

describe('forEachLine', () => {
  it('splits CRLF and LF across chunk boundaries', async () => {
    const { out, stats } = await lines(['a\r\nb', 'c\nd', 'e\r', '\nf']);
    expect(out).toEqual([
      [1, 'a'],
      [2, 'bc'],
      [3, 'de'],
      [4, 'f'],
    ]);
    expect(stats.bytes).toBe(11);
  });

  it('keeps UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('café\n');
    const { out } = await lines([bytes.subarray(0, 4), bytes.subarray(4)]);
    expect(out).toEqual([[1, 'café']]);
  });

  it('cuts an over-long line instead of buffering it without end', async () => {
    const big = Buffer.alloc(MAX_LINE_BYTES * 3, 0x41);
    const chunks = [];
    for (let i = 0; i < big.length; i += 65536) chunks.push(big.subarray(i, i + 65536));
    const { out, stats } = await lines([...chunks, '\nnext\n']);
    expect(stats.overlongLines).toBe(1);
    expect(out[0]![1].length).toBeLessThanOrEqual(4096);
    expect(out[1]).toEqual([2, 'next']);
  });
});

describe('forEachLineBytes', () => {
  it('counts a line as over-long by its length, not by where chunks split it', async () => {
    const long = Buffer.alloc(MAX_LINE_BYTES + 10, 0x42);
    const text = Buffer.concat([Buffer.from('a\n'), long, Buffer.from('\r\nb\n'), long]);
    const results = [];
    for (const size of [4096, 65536, 4 * 1024 * 1024]) {
      const chunks = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
      const { out, stats } = await byteLines(Readable.from(chunks));
      results.push({ lines: out.map(([n, t]) => [n, t.length]), stats });
    }
    expect(results[0]).toEqual({
      lines: [
        [1, 1],
        [2, 4096],
        [3, 1],
        [4, 4096],
      ],
      stats: { bytes: text.length, lines: 4, overlongLines: 2 },
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // Exactly the cap is still a whole line, CR excluded.
    const edge = Buffer.concat([Buffer.alloc(MAX_LINE_BYTES - 1, 0x43), Buffer.from('\r\n')]);
    const { out, stats } = await byteLines(
      Readable.from([edge.subarray(0, 1000), edge.subarray(1000)]),
    );
    expect(stats.overlongLines).toBe(0);
    expect(out[0]![1].length).toBe(MAX_LINE_BYTES - 1);
  });

  it('reads chunks smaller than the lines: CRLF, LF, UTF-8, no final newline', async () => {
    const rows = ['x'.repeat(100), '', 'ü'.repeat(40), 'y'.repeat(33), 'zz'];
    const file = tempFile(`${rows[0]}\r\n${rows[1]}\n${rows[2]}\r\n${rows[3]}\n${rows[4]}`);
    for (const size of [1, 7, 32, 4096]) {
      const { out, stats } = await byteLines(readFileChunks(file, size));
      expect(out).toEqual(rows.map((r, i) => [i + 1, r]));
      expect(stats.overlongLines).toBe(0);
    }
  });

  it('hands bytes that stay valid until chunkEnd, then reuses the read buffer', async () => {
    const file = tempFile('aaaa\nbbbb\ncc\ndddd\n');
    const seen: string[] = [];
    const held: { buf: Buffer; s: number; e: number }[] = [];
    let pending: { buf: Buffer; s: number; e: number }[] = [];
    await forEachLineBytes(readFileChunks(file, 8), {
      line: (buf, s, e) => {
        pending.push({ buf, s, e });
        held.push({ buf, s, e });
      },
      chunkEnd: () => {
        for (const p of pending) seen.push(p.buf.toString('latin1', p.s, p.e));
        pending = [];
      },
    });
    expect(seen).toEqual(['aaaa', 'bbbb', 'cc', 'dddd']);
    // Read later, a line from the first chunk shows what the buffer holds now.
    const first = held[0]!;
    expect(first.buf.toString('latin1', first.s, first.e)).not.toBe('aaaa');
  });

  it('reads a 0-byte file as no lines, and names a missing one', async () => {
    const { out, stats } = await byteLines(readFileChunks(tempFile('')));
    expect(out).toEqual([]);
    expect(stats).toEqual({ bytes: 0, lines: 0, overlongLines: 0 });
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'line-stream-')), 'gone.log');
    await expect(byteLines(readFileChunks(missing))).rejects.toThrow(/ENOENT.*gone\.log/);
  });
});
