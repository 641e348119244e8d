// Per-file bookkeeping shared by the IIS and HTTPERR log accumulators: line counts, time range and
// a few sample lines per group. The log-scan rule (CHECKS.md §3.0) needs to know which files cover
// the window; samples are copied so they never pin the reader's decoded chunk in memory.

import { ParseError } from './errors';
import type { W3cLineParser } from './w3c-log';

/** What one log file held. Times are UTC ISO; `firstTime`/`lastTime` = earliest/latest row. */
export interface LogFileInfo {
  path: string;
  /** Lines fed, directives included. */
  lines: number;
  /** Data rows with a usable date and time. */
  records: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Records inside the analysis window. */
  inWindow: number;
  /** Binary garbage lines plus rows without a usable date/time (neither can be placed in time). */
  garbageLines: number;
  warnings: string[];
}

/** One log line shown as evidence (1-based line; text capped at 2000 characters). */
export interface LineRef {
  file: string;
  line: number;
  text: string;
}

export const SAMPLE_TEXT_MAX = 2000;
const DAY_MS = 86_400_000;

/**
 * A private copy: V8 keeps `slice()` results as views into the parent string, so a sample sliced
 * from a multi-megabyte decoded chunk would keep the whole chunk alive.
 */
export function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

export function lineRef(file: string, line: number, text: string): LineRef {
  const capped = text.length > SAMPLE_TEXT_MAX ? text.slice(0, SAMPLE_TEXT_MAX) : text;
  return { file, line, text: detach(capped) };
}

/**
 * The three earliest rows of a group and the latest one, by row time (ties: first fed), so the
 * samples do not depend on the order in which the reader feeds the files.
 */
export class SampleSet {
  private readonly first: { t: number; ref: LineRef }[] = [];
  private lastT = -Infinity;
  private lastFile = '';
  private lastLine = 0;
  private lastText: string | null = null;

  add(file: string, line: number, text: string, t: number): void {
    if (t >= this.lastT) {
      // Kept by reference (cheap per row); `settle` copies it when its file ends.
      this.lastT = t;
      this.lastFile = file;
      this.lastLine = line;
      this.lastText = text;
    }
    const third = this.first[2];
    if (third !== undefined && t >= third.t) return;
    let i = this.first.length;
    while (i > 0 && (this.first[i - 1]?.t ?? -Infinity) > t) i--;
    this.first.splice(i, 0, { t, ref: lineRef(file, line, text) });
    if (this.first.length > 3) this.first.pop();
  }

  /** Copies the latest row's text so it no longer points into the reader's chunk. */
  settle(): void {
    if (this.lastText !== null) this.lastText = lineRef('', 0, this.lastText).text;
  }

  list(): LineRef[] {
    const refs = this.first.map((x) => x.ref);
    const dup = refs.some((r) => r.file === this.lastFile && r.line === this.lastLine);
    if (this.lastText === null || dup) return refs;
    return [...refs, lineRef(this.lastFile, this.lastLine, this.lastText)];
  }
}

/** Analysis window: the `windowDays` before `collectedAt`, both ends included. */
export function windowOf(collectedAt: string, windowDays = 14): { fromMs: number; toMs: number } {
  const toMs = Date.parse(collectedAt);
  if (Number.isNaN(toMs)) throw new ParseError(`collectedAt is not a date: ${collectedAt}`);
  if (!(windowDays > 0)) throw new ParseError(`windowDays must be positive: ${windowDays}`);
  return { fromMs: toMs - windowDays * DAY_MS, toMs };
}

export function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Running counters of the file being read. */
export class FileTracker {
  lines = 0;
  records = 0;
  inWindow = 0;
  timeless = 0;
  private minMs = Infinity;
  private maxMs = -Infinity;

  constructor(
    readonly path: string,
    readonly parser: W3cLineParser,
  ) {}

  /** Counts a row with a usable time and returns whether it lies in the window. */
  record(t: number, fromMs: number, toMs: number): boolean {
    this.records++;
    if (t < this.minMs) this.minMs = t;
    if (t > this.maxMs) this.maxMs = t;
    if (t < fromMs || t > toMs) return false;
    this.inWindow++;
    return true;
  }

  noTime(line: number): void {
    this.timeless++;
    this.parser.warn(`line ${line}: no usable date/time, row skipped`);
  }

  info(): LogFileInfo {
    // A 0-byte or header-only file is data, not an error, but the rules must see why it is empty.
    if (this.records === 0) this.parser.warn('no data rows');
    return {
      path: this.path,
      lines: this.lines,
      records: this.records,
      firstTime: isoOrNull(this.minMs),
      lastTime: isoOrNull(this.maxMs),
      inWindow: this.inWindow,
      garbageLines: this.parser.garbageLines + this.timeless,
      warnings: [...this.parser.warnings],
    };
  }
}
