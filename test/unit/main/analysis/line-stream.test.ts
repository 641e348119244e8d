import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { forEachLine, MAX_LINE_BYTES } from '../../../../main/analysis/line-stream';

async function lines(chunks: (string | Buffer)[]) {
  const out: [number, string][] = [];
  const stats = await forEachLine(
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
    (t, n) => out.push([n, t]),
  );
  return { out, stats };
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
