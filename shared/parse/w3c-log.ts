// Reads IIS and HTTP.sys W3C extended logs (u_exYYMMDD.log, httperr<N>.log) one line at a time.
// HTTP.sys re-emits the directive block whenever it reopens a file and #Fields may change mid-file,
// so columns are re-mapped at every #Fields; record times are always UTC (IIS logFile schema, AF §1).

import { ByteFinder, codeAt, textAt, w3cTime } from './w3c-values';
import type { W3cText } from './w3c-values';

export { ColumnCursor } from './column-cursor';
export { queryParam, w3cTime, w3cUint, w3cValue } from './w3c-values';

/** IIS 7–10 default `logExtFileFlags` layout, used until a `#Fields` directive appears. */
export const IIS_DEFAULT_FIELDS: readonly string[] = [
  'date',
  'time',
  's-ip',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
  's-port',
  'cs-username',
  'c-ip',
  'cs(user-agent)',
  'cs(referer)',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'time-taken',
];

/** Column layout: names lower-cased as written (`cs(user-agent)`), first position of each name. */
export interface W3cFields {
  names: string[];
  index: Map<string, number>;
}

const MAX_WARNINGS = 20;
/**
 * Binary junk shows up early (a row starts with its date), so control characters and U+FFFD are
 * only looked for in this prefix: long rows stay cheap, and a stray invalid byte in a user agent
 * does not cost the row. NUL (crash-time zero fill) is searched in the whole row (memchr).
 */
const GARBAGE_PREFIX = 24;

export function makeW3cFields(names: readonly string[]): W3cFields {
  const lower = names.map((n) => n.toLowerCase());
  const index = new Map<string, number>();
  lower.forEach((n, i) => {
    if (!index.has(n)) index.set(n, i);
  });
  return { names: lower, index };
}

/**
 * Stateful line parser. Feed it every line of one file in order; a new file needs a new parser,
 * since each file starts over with its own directives.
 */
export class W3cLineParser {
  /** Recoverable oddities: at most 20, then one entry with the count of the rest. */
  warnings: string[] = [];
  /** Lines skipped because they hold binary garbage (NUL, U+FFFD or control characters). */
  garbageLines = 0;
  /** Rows kept although their value count differs from the `#Fields` count. */
  mismatchedRows = 0;
  /** Changes whenever the column layout changes, so callers can cache column positions. */
  fieldsVersion = 0;
  private layout: W3cFields;
  private layoutText = '';
  private softwareText: string | null = null;
  private dateText: string | null = null;
  /** Bounds of the row accepted by the last `pushAt` (BOM and trailing blanks excluded). */
  rowStart = 0;
  rowEnd = 0;
  private lineNo = 0;
  private hiddenWarnings = 0;
  private readonly nul = new ByteFinder(0);

  constructor(defaultFields: readonly string[] = IIS_DEFAULT_FIELDS) {
    this.layout = makeW3cFields(defaultFields);
  }

  get fields(): W3cFields {
    return this.layout;
  }

  /** `#Software` value, e.g. `Microsoft HTTP API 2.0` for HTTPERR. */
  get software(): string | null {
    return this.softwareText;
  }

  /** Last `#Date` value (`YYYY-MM-DD HH:MM:SS`, UTC). */
  get directiveDate(): string | null {
    return this.dateText;
  }

  /** Day of the last `#Date`: the date of rows in layouts without a `date` column (IIS 6). */
  get directiveDay(): string | null {
    return this.dateText === null ? null : this.dateText.slice(0, 10);
  }

  /**
   * Feeds one line (no terminator). Returns the values of a data row split on single spaces
   * (not decoded), or null for directives, blank and garbage lines.
   */
  push(line: string, lineNo?: number): string[] | null {
    const row = this.pushRaw(line, lineNo);
    return row === null ? null : this.splitRow(row);
  }

  /**
   * Like `push` but returns the cleaned row text (BOM, CR and trailing blanks removed) unsplit,
   * for callers that only need the leading columns of most rows.
   */
  pushRaw(line: string, lineNo?: number): string | null {
    if (!this.pushAt(line, 0, line.length, lineNo)) return null;
    return this.rowStart === 0 && this.rowEnd === line.length
      ? line
      : line.slice(this.rowStart, this.rowEnd);
  }

  /**
   * Feeds one line read in place, `start` to `end` (no terminator) of a string or of the UTF-8
   * bytes read from the file. True for a data row, whose bounds are then `rowStart`/`rowEnd`;
   * false for directives, blank and garbage lines. Only directives are decoded. Bytes passed
   * earlier may be searched again until `forget` is called: call it before changing them.
   */
  pushAt(src: W3cText, start: number, end: number, lineNo?: number): boolean {
    this.lineNo = lineNo ?? this.lineNo + 1;
    while (end > start) {
      const c = codeAt(src, end - 1);
      if (c !== 13 && c !== 32 && c !== 10 && c !== 9) break;
      end--;
    }
    start += bomLength(src, start, end);
    if (start >= end) return false;
    if (codeAt(src, start) === 35 /* # */) {
      this.directive(textAt(src, start, end));
      return false;
    }
    if (this.nul.find(src, start, end) !== -1 || isGarbage(src, start, end)) {
      this.garbageLines++;
      this.warn(`line ${this.lineNo}: binary garbage, line skipped`);
      return false;
    }
    this.rowStart = start;
    this.rowEnd = end;
    return true;
  }

  /** Forgets what was found in bytes passed so far (they are about to change). */
  forget(): void {
    this.nul.forget();
  }

  /** Splits a row from `pushRaw` and flags a value count that differs from `#Fields`. */
  splitRow(row: string): string[] {
    const values = row.split(' ');
    const want = this.layout.names.length;
    if (values.length > want && row.includes('  ')) {
      // IIS writes `-` for empty values, so a double space is damage (seen in anonymised public
      // samples); dropping the empty values recovers the row when the count then fits.
      const packed = values.filter((v) => v !== '');
      if (packed.length === want) {
        this.warn(`line ${this.lineNo}: double spaces, empty values dropped`);
        return packed;
      }
    }
    if (values.length !== want) {
      this.mismatchedRows++;
      this.warn(
        `line ${this.lineNo}: ${values.length} values but #Fields names ${this.layout.names.length} (row kept)`,
      );
    }
    return values;
  }

  /** Value of a named column in a split row (undefined when the layout or row lacks it). */
  value(values: readonly string[], name: string): string | undefined {
    const i = this.layout.index.get(name);
    return i === undefined ? undefined : values[i];
  }

  /** UTC epoch ms of a split row; the day comes from `#Date` when the layout has no `date`. */
  timeOf(values: readonly string[]): number | null {
    const date = this.layout.index.has('date')
      ? this.value(values, 'date')
      : (this.directiveDay ?? undefined);
    const time = this.layout.index.has('time') ? this.value(values, 'time') : '00:00:00';
    return w3cTime(date, time);
  }

  /** Adds a warning under the cap (also used by callers for row-level problems). */
  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) {
      this.warnings.push(message);
      return;
    }
    this.hiddenWarnings++;
    this.warnings[MAX_WARNINGS] = `${this.hiddenWarnings} more warning(s) not shown`;
  }

  private directive(text: string): void {
    const colon = text.indexOf(':');
    const name = (colon === -1 ? text.slice(1) : text.slice(1, colon)).trim().toLowerCase();
    const value = colon === -1 ? '' : text.slice(colon + 1).trim();
    if (name === 'software') this.softwareText = value;
    else if (name === 'date') this.dateText = value;
    else if (name === 'fields') {
      // A trailing space after the last name is common (plaso sample): split on runs of blanks.
      const names = value.split(/\s+/).filter((n) => n !== '');
      if (names.length === 0) this.warn(`line ${this.lineNo}: empty #Fields, layout unchanged`);
      else if (names.join(' ') !== this.layoutText) {
        this.layout = makeW3cFields(names);
        this.layoutText = names.join(' ');
        this.fieldsVersion++;
      }
    }
  }
}

/** Length of a U+FEFF (BOM) at `start`: one UTF-16 unit, or three UTF-8 bytes. */
function bomLength(src: W3cText, start: number, end: number): number {
  if (typeof src === 'string') return end > start && src.charCodeAt(start) === 0xfeff ? 1 : 0;
  if (end - start < 3) return 0;
  return src[start] === 0xef && src[start + 1] === 0xbb && src[start + 2] === 0xbf ? 3 : 0;
}

/** Control characters or U+FFFD in the prefix of a row (NUL is looked for by the caller). */
function isGarbage(src: W3cText, start: number, end: number): boolean {
  const n = Math.min(end - start, GARBAGE_PREFIX);
  for (let i = 0; i < n; i++) {
    const c = codeAt(src, start + i);
    // Past a non-ASCII byte, characters are no longer bytes: decode enough for the prefix.
    if (c >= 0x80 && typeof src !== 'string') {
      const text = textAt(src, start, Math.min(end, start + 4 * GARBAGE_PREFIX));
      return isGarbage(text, 0, text.length);
    }
    if ((c < 32 && c !== 9) || c === 127 || c === 0xfffd) return true;
  }
  return false;
}
