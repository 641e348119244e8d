// Random access to the lines of a bundle file for the evidence viewer: one pass builds an index of
// line offsets, then any window of lines is read directly (a million-line log scrolls without
// loading it). Files inside a zip are first copied out to a temporary file.
import { createWriteStream, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openBundle } from '../acquire/bundle/reader';
import { decodeText } from '../../shared/parse/text-decode';
import type { LinesResponse } from '../../shared/ipc/channels';

const MAX_LINE_CHARS = 8000;

interface Indexed {
  file: string;
  /** Start offset of each line, plus the file size at the end. */
  offsets: Float64Array;
  /** Text is UTF-16LE (a .reg or secedit export): offsets count bytes of that encoding. */
  utf16: boolean;
}

export class LineIndexCache {
  private readonly cache = new Map<string, Promise<Indexed>>();
  private tempDir: string | null = null;

  async read(location: string, rel: string, from: number, count: number): Promise<LinesResponse> {
    const idx = await this.index(location, rel);
    const total = idx.offsets.length - 1;
    const start = Math.max(0, Math.min(from, total));
    const end = Math.max(start, Math.min(total, start + Math.min(count, 5000)));
    if (end === start) return { file: rel, from: start, lines: [], total };
    const a = idx.offsets[start]!;
    const b = idx.offsets[end]!;
    const fh = await fsp.open(idx.file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(b - a, 64 * 1024 * 1024));
      await fh.read(buf, 0, buf.length, a);
      const lines: string[] = [];
      for (let i = start; i < end; i++) {
        const s = idx.offsets[i]! - a;
        const e = Math.min(idx.offsets[i + 1]! - a, buf.length);
        if (s >= buf.length) break;
        let text = idx.utf16 ? buf.toString('utf16le', s, e) : buf.toString('utf8', s, e);
        text = text.replace(/\r?\n$/, '').replace(/^\uFEFF/, '');
        if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}…`;
        lines.push(text);
      }
      return { file: rel, from: start, lines, total };
    } finally {
      await fh.close();
    }
  }

  async find(
    location: string,
    rel: string,
    text: string,
    limit: number,
  ): Promise<{ lines: number[]; truncated: boolean }> {
    const idx = await this.index(location, rel);
    const needle = text.toLowerCase();
    const found: number[] = [];
    const total = idx.offsets.length - 1;
    const step = 20_000;
    for (let from = 0; from < total && found.length < limit; from += step) {
      const chunk = await this.read(location, rel, from, step);
      chunk.lines.forEach((l, i) => {
        if (found.length < limit && l.toLowerCase().includes(needle)) found.push(from + i);
      });
    }
    return { lines: found, truncated: found.length >= limit };
  }

  private index(location: string, rel: string): Promise<Indexed> {
    const key = `${location}\0${rel}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.build(location, rel);
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
      if (this.cache.size > 16) this.cache.delete(this.cache.keys().next().value as string);
    }
    return p;
  }

  private async build(location: string, rel: string): Promise<Indexed> {
    const bundle = await openBundle(location);
    let file: string;
    try {
      const entry = bundle.entry(rel);
      if (!entry) throw new Error(`${rel} is not in this bundle`);
      if (bundle.kind === 'folder') file = path.join(location, ...entry.path.split('/'));
      else {
        this.tempDir ??= await fsp.mkdtemp(path.join(tmpdir(), 'ndes-doctor-view-'));
        file = path.join(
          this.tempDir,
          `${this.cache.size}-${path.basename(entry.path).replace(/[^\w.-]/g, '_')}`,
        );
        await pipeline(await bundle.stream(entry.path), createWriteStream(file));
      }
    } finally {
      await bundle.close();
    }
    const fh = await fsp.open(file, 'r');
    try {
      const head = Buffer.alloc(4096);
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      const utf16 = decodeText(new Uint8Array(head.subarray(0, bytesRead))).encoding === 'utf-16le';
      const offsets: number[] = [0];
      const buf = Buffer.alloc(4 * 1024 * 1024);
      let pos = 0;
      for (;;) {
        const { bytesRead: n } = await fh.read(buf, 0, buf.length, pos);
        if (n === 0) break;
        let i = buf.indexOf(10, 0);
        while (i !== -1 && i < n) {
          // In UTF-16LE a newline is 0A 00: the line starts after the 00.
          if (!utf16 || (pos + i) % 2 === 0) offsets.push(pos + i + (utf16 ? 2 : 1));
          i = buf.indexOf(10, i + 1);
        }
        pos += n;
      }
      if (offsets[offsets.length - 1] !== pos) offsets.push(pos);
      return { file, offsets: Float64Array.from(offsets), utf16 };
    } finally {
      await fh.close();
    }
  }
}
