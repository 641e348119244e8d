// Value-level helpers for W3C extended logs (IIS, HTTP.sys HTTPERR): field decoding, UTC times,
// unsigned status codes and cheap column access, written with indexOf/charCodeAt because a bundle
// can hold gigabytes of rows (AF §1: sc-win32-status is unsigned 32-bit, times are UTC).
//
// Each helper reads a `W3cText`: a decoded string, or the UTF-8 bytes of a row as read from disk,
// so the log reader never turns a multi-kilobyte row into a string to read a few short columns.
// Only ASCII is compared, and UTF-8 never puts an ASCII byte inside a multi-byte character, so
// both forms give the same answers at their own offsets.

/** Text as a string, or as UTF-8 bytes; offsets are UTF-16 units or bytes respectively. */
export type W3cText = string | Uint8Array;

/** A half-open range of offsets in a `W3cText`. */
export interface Span {
  start: number;
  end: number;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Bytes scanned in JavaScript before a search is handed to indexOf (memchr on a Buffer). */
const SHORT_SCAN = 32;

/** Character code (string) or byte (bytes) at `i`; NaN past the end. */
export function codeAt(src: W3cText, i: number): number {
  return typeof src === 'string' ? src.charCodeAt(i) : (src[i] ?? NaN);
}

/** The text of `src` from `start` to `end` (bytes decoded as UTF-8, invalid ones as U+FFFD). */
export function textAt(src: W3cText, start: number, end: number): string {
  if (typeof src === 'string') return src.slice(start, end);
  if (end - start <= 16) {
    let out = '';
    for (let i = start; i < end; i++) {
      const c = src[i]!;
      if (c >= 0x80) return utf8.decode(src.subarray(start, end));
      out += String.fromCharCode(c);
    }
    return out;
  }
  return utf8.decode(src.subarray(start, end));
}

/** First offset of the ASCII character `code` in `[from, end)`, or -1. */
export function indexIn(src: W3cText, code: number, from: number, end: number): number {
  if (typeof src === 'string') {
    const i = src.indexOf(String.fromCharCode(code), from);
    return i === -1 || i >= end ? -1 : i;
  }
  const stop = Math.min(end, from + SHORT_SCAN);
  for (let i = from; i < stop; i++) if (src[i] === code) return i;
  if (stop >= end) return -1;
  // A bounded view: indexOf on the whole buffer would run on past the row.
  const j = src.subarray(stop, end).indexOf(code);
  return j === -1 ? -1 : stop + j;
}

/** Bytes a `ByteFinder` search looks ahead past the row asked about. */
const FIND_AHEAD = 64 * 1024;

/**
 * `indexIn` for one character over the rows of a buffer fed in order. A search past a short
 * distance looks on past the row (up to `FIND_AHEAD` bytes, or the end of a smaller buffer: memchr
 * on a Buffer, no bounded view per row) and its result serves the next rows, so a buffer is scanned
 * about once however many rows ask. Call `forget` when bytes already searched change (a reused
 * read buffer).
 */
export class ByteFinder {
  private buf: Uint8Array | null = null;
  /** The last search covered `[from, limit)` and found the character first at `at` (or not: -1). */
  private from = 0;
  private limit = 0;
  private at = -1;

  constructor(private readonly code: number) {}

  find(src: W3cText, from: number, end: number): number {
    if (typeof src === 'string') return indexIn(src, this.code, from, end);
    const stop = Math.min(end, from + SHORT_SCAN);
    for (let i = from; i < stop; i++) if (src[i] === this.code) return i;
    if (stop >= end) return -1;
    const known =
      src === this.buf &&
      this.from <= stop &&
      (this.at === -1 ? end <= this.limit : stop <= this.at);
    if (!known) {
      const limit = Math.max(end, stop + FIND_AHEAD);
      this.buf = src;
      this.from = stop;
      if (limit >= src.length) {
        this.limit = src.length;
        this.at = src.indexOf(this.code, stop);
      } else {
        this.limit = limit;
        const j = src.subarray(stop, limit).indexOf(this.code);
        this.at = j === -1 ? -1 : stop + j;
      }
    }
    return this.at === -1 || this.at >= end ? -1 : this.at;
  }

  forget(): void {
    this.buf = null;
  }
}

/** Whether `src` holds exactly `text` (ASCII) from `start` to `end`. */
export function textEquals(src: W3cText, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  return startsWithAt(src, start, end, text);
}

/** Whether `src` starts with `prefix` (ASCII, compared exactly) at `start`, within `end`. */
export function startsWithAt(src: W3cText, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (codeAt(src, start + i) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether a W3C value is "no value": empty or `-`. */
export function isW3cEmpty(src: W3cText, start: number, end: number): boolean {
  return end === start || (end - start === 1 && codeAt(src, start) === 45);
}

/**
 * Decodes a W3C value: `-` (and empty) mean "no value". IIS writes spaces as `+`, which is only
 * undone for header fields (`cs(...)`, `sc(...)`) and `cs-username` when `field` is given;
 * `cs-uri-query` and `cs-uri-stem` are logged raw, where `+` is data (base64 SCEP messages).
 */
export function w3cValue(raw: string | undefined, field?: string): string | null {
  if (raw === undefined || isW3cEmpty(raw, 0, raw.length)) return null;
  if (field !== undefined && raw.includes('+') && isSpaceEncoded(field)) {
    return raw.replaceAll('+', ' ');
  }
  return raw;
}

function isSpaceEncoded(field: string): boolean {
  const f = field.toLowerCase();
  return f.startsWith('cs(') || f.startsWith('sc(') || f === 'cs-username';
}

// One-entry cache: consecutive rows almost always share their day.
let cachedDayKey = -1;
let cachedDayMs = 0;

/** `YYYY-MM-DD` + `HH:MM:SS[.fff]` (UTC) to epoch ms; null if either is missing or invalid. */
export function w3cTime(date: string | undefined, time: string | undefined): number | null {
  if (date === undefined || time === undefined) return null;
  return w3cTimeAt(date, 0, date.length, time, 0, time.length);
}

/** `w3cTime` of a date and a time read in place (`d`/`t` may be the same row). */
export function w3cTimeAt(
  d: W3cText,
  ds: number,
  de: number,
  t: W3cText,
  ts: number,
  te: number,
): number | null {
  if (de - ds !== 10 || codeAt(d, ds + 4) !== 45 || codeAt(d, ds + 7) !== 45) return null;
  const y = digits(d, ds, 4);
  const m = digits(d, ds + 5, 2);
  const day = digits(d, ds + 8, 2);
  if (y < 1 || m < 1 || m > 12 || day < 1 || day > 31) return null;
  const key = (y * 100 + m) * 100 + day;
  let dayMs: number;
  if (key === cachedDayKey) dayMs = cachedDayMs;
  else {
    dayMs = Date.UTC(y, m - 1, day);
    if (new Date(dayMs).getUTCDate() !== day) return null; // 2023-02-30 would roll over
    cachedDayKey = key;
    cachedDayMs = dayMs;
  }
  const tl = te - ts;
  if (tl < 8 || codeAt(t, ts + 2) !== 58 || codeAt(t, ts + 5) !== 58) return null;
  const h = digits(t, ts, 2);
  const mi = digits(t, ts + 3, 2);
  const s = digits(t, ts + 6, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return null;
  let ms = 0;
  if (tl > 8) {
    if (codeAt(t, ts + 8) !== 46) return null;
    // Milliseconds: the first three digits, missing ones read as 0 (`.5` is 500 ms).
    for (let i = ts + 9; i < ts + 12; i++) {
      const c = i < te ? codeAt(t, i) - 48 : 0;
      if (!(c >= 0 && c <= 9)) return null;
      ms = ms * 10 + c;
    }
  }
  return dayMs + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

function digits(s: W3cText, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = codeAt(s, i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Unsigned decimal (`sc-status`, `sc-win32-status` up to 4294967295); -1 for `-` or junk. */
export function w3cUint(raw: string | undefined): number {
  return raw === undefined ? -1 : w3cUintAt(raw, 0, raw.length);
}

/** `w3cUint` of a value read in place. */
export function w3cUintAt(src: W3cText, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  return digits(src, start, end - start);
}

const spanOut: Span = { start: 0, end: 0 };

/** Raw value of a query parameter (key compared without case), or null. Not URL-decoded. */
export function queryParam(query: string | null | undefined, name: string): string | null {
  if (!query) return null;
  return queryParamSpan(query, 0, query.length, name, spanOut)
    ? query.slice(spanOut.start, spanOut.end)
    : null;
}

/**
 * `queryParam` on a query read in place: sets `out` to the offsets of the first value of `name`
 * (ASCII letters compared without case) and returns true, or returns false.
 */
export function queryParamSpan(
  query: W3cText,
  start: number,
  end: number,
  name: string,
  out: Span,
): boolean {
  const key = name.toLowerCase();
  const kl = key.length;
  let pos = start;
  while (pos < end) {
    let amp = indexIn(query, 38, pos, end);
    if (amp === -1) amp = end;
    if (amp - pos > kl && codeAt(query, pos + kl) === 61 /* = */ && keyAt(query, pos, key)) {
      out.start = pos + kl + 1;
      out.end = amp;
      return true;
    }
    pos = amp + 1;
  }
  return false;
}

function keyAt(src: W3cText, at: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = codeAt(src, at + i);
    const k = key.charCodeAt(i);
    if (c !== k && !(c >= 65 && c <= 90 && c + 32 === k)) return false;
  }
  return true;
}
