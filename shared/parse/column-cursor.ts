// Lazy access to the space-separated columns of one W3C row, held as text or as bytes.
import { ByteFinder, textAt } from './w3c-values';
import type { Span, W3cText } from './w3c-values';

/** Column starts remembered per row; wider rows are counted but their extra columns not kept. */
const MAX_COLUMNS = 128;

/**
 * Lazy column access to one row: finds separators only as far as asked, and slices only the
 * values read. Cheaper than `split(' ')` on rows carrying a multi-kilobyte query (one memchr
 * jumps over it, no array of values is built). Reuse one cursor with `reset`.
 */
export class ColumnCursor {
  private readonly starts = new Int32Array(MAX_COLUMNS);
  private readonly spaces = new ByteFinder(32);
  private row: W3cText = '';
  private end = 0;
  private known = 0;
  private next = 0;
  private done = true;

  /** Starts on the row held by `src` from `start` to `end` (the whole string by default). */
  reset(src: W3cText, start = 0, end = src.length): void {
    this.row = src;
    this.end = end;
    this.starts[0] = start;
    this.known = 1;
    this.next = start;
    this.done = false;
  }

  /** Value of column `i` (0-based), undefined when the row is shorter. */
  get(i: number): string | undefined {
    return this.span(i, spanOut) ? textAt(this.row, spanOut.start, spanOut.end) : undefined;
  }

  /**
   * Sets `out` to the offsets of column `i` in the source; false when the row is shorter (or the
   * column lies beyond the columns a cursor keeps).
   */
  span(i: number, out: Span): boolean {
    if (i < 0 || i + 1 >= MAX_COLUMNS) return false;
    this.scan(i + 1);
    if (i >= this.known) return false;
    out.start = this.starts[i]!;
    out.end = i + 1 < this.known ? this.starts[i + 1]! - 1 : this.end;
    return true;
  }

  /** Offset of column `i` in the source, -1 when the row is shorter. */
  startOf(i: number): number {
    if (i < 0 || i >= MAX_COLUMNS) return -1;
    this.scan(i);
    return i < this.known ? this.starts[i]! : -1;
  }

  /** Forgets what was found in bytes read so far (they are about to change). */
  forget(): void {
    this.spaces.forget();
  }

  /** Number of values in the row. */
  count(): number {
    this.scan(Infinity);
    return this.known;
  }

  /** Locates column starts until `k` of them are known or the row ends. */
  private scan(k: number): void {
    while (this.known <= k && !this.done) {
      const sp = this.spaces.find(this.row, this.next, this.end);
      if (sp === -1) {
        this.done = true;
        return;
      }
      this.next = sp + 1;
      if (this.known < MAX_COLUMNS) this.starts[this.known] = this.next;
      this.known++;
    }
  }
}

const spanOut: Span = { start: 0, end: 0 };
