// One request group's sample rows, kept exactly as `SampleSet` keeps them row by row, but decoding
// only the rows it keeps: one of the three earliest at once, the latest when its file ends. Rows
// come as views into the reader's buffer, which is reused after each chunk.
import { SAMPLE_TEXT_MAX, SampleSet } from './log-file-info';
import type { LineRef } from './log-file-info';
import { textAt } from './w3c-values';

export class DeferredSamples {
  private readonly set = new SampleSet();
  /**
   * Times of the three earliest rows handed to `set`, ascending: a later row earlier than the
   * third is kept by it, so only such rows (and the latest) are decoded into text.
   */
  private readonly earliest: number[] = [];
  /** Latest row, not yet handed to `set` (decoded when its file ends), or null. */
  private pending: Uint8Array | null = null;
  private pendingStart = 0;
  private pendingEnd = 0;
  private pendingLine = 0;
  private pendingMs = 0;
  /** Whether `pending` points into the chunk being fed, rather than into `copy`. */
  private inChunk = false;
  /** The pending row, copied when the chunk that held it ends. */
  private copy: Uint8Array | null = null;

  /**
   * Offers row `start`–`end` of `buf` (line `lineNo` of `file`, time `t`; `latest`: no row of the
   * group is later). True when the group now holds a view into the chunk being fed: `endChunk`
   * must be called before that chunk's bytes change.
   */
  offer(
    file: string,
    buf: Uint8Array,
    start: number,
    end: number,
    lineNo: number,
    t: number,
    latest: boolean,
  ): boolean {
    const e = this.earliest;
    if (e.length < 3 || t < e[2]!) {
      let i = e.length;
      while (i > 0 && e[i - 1]! > t) i--;
      e.splice(i, 0, t);
      if (e.length > 3) e.pop();
      // Added now, the row is the latest itself if it is one: a pending older one is dropped.
      // Rows handed at once are earlier than the pending latest one, so adding that one last
      // keeps what `SampleSet` keeps.
      if (latest) this.pending = null;
      this.set.add(file, lineNo, sampleText(buf, start, end), t);
      return false;
    }
    if (!latest) return false;
    this.pending = buf;
    this.pendingStart = start;
    this.pendingEnd = end;
    this.pendingLine = lineNo;
    this.pendingMs = t;
    if (this.inChunk) return false;
    this.inChunk = true;
    return true;
  }

  /** The chunk's bytes may change: copies the pending row out of them. */
  endChunk(): void {
    this.inChunk = false;
    if (this.pending === null) return;
    // A sample keeps SAMPLE_TEXT_MAX characters: at most 4 bytes each.
    const n = Math.min(this.pendingEnd - this.pendingStart, 4 * SAMPLE_TEXT_MAX);
    if (this.copy === null || this.copy.length < n) this.copy = new Uint8Array(Math.max(n, 1024));
    this.copy.set(this.pending.subarray(this.pendingStart, this.pendingStart + n));
    this.pending = this.copy;
    this.pendingStart = 0;
    this.pendingEnd = n;
  }

  /** File `file` ends: its pending row is decoded and handed over, and the set settles. */
  endFile(file: string): void {
    if (this.pending !== null) {
      const text = sampleText(this.pending, this.pendingStart, this.pendingEnd);
      this.set.add(file, this.pendingLine, text, this.pendingMs);
      this.pending = null;
    }
    this.set.settle();
  }

  list(): LineRef[] {
    return this.set.list();
  }
}

/** A sample row's text: enough bytes for the `SAMPLE_TEXT_MAX` characters a sample keeps. */
function sampleText(buf: Uint8Array, start: number, end: number): string {
  return textAt(buf, start, Math.min(end, start + 4 * SAMPLE_TEXT_MAX));
}
