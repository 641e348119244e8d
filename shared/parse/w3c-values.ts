// Value-level helpers for W3C extended logs (IIS, HTTP.sys HTTPERR): field decoding, UTC times,
// unsigned status codes and cheap column access, written with indexOf/charCodeAt because a bundle
// can hold gigabytes of rows (AF §1: sc-win32-status is unsigned 32-bit, times are UTC).

/**
 * Decodes a W3C value: `-` (and empty) mean "no value". IIS writes spaces as `+`, which is only
 * undone for header fields (`cs(...)`, `sc(...)`) and `cs-username` when `field` is given;
 * `cs-uri-query` and `cs-uri-stem` are logged raw, where `+` is data (base64 SCEP messages).
 */
export function w3cValue(raw: string | undefined, field?: string): string | null {
  if (raw === undefined || raw === '' || raw === '-') return null;
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
let cachedDay = '';
let cachedDayMs = 0;

/** `YYYY-MM-DD` + `HH:MM:SS[.fff]` (UTC) to epoch ms; null if either is missing or invalid. */
export function w3cTime(date: string | undefined, time: string | undefined): number | null {
  if (date === undefined || time === undefined) return null;
  let dayMs: number;
  if (date === cachedDay) dayMs = cachedDayMs;
  else {
    if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 2);
    const d = digits(date, 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return null;
    dayMs = Date.UTC(y, m - 1, d);
    if (new Date(dayMs).getUTCDate() !== d) return null; // 2023-02-30 would roll over
    cachedDay = date;
    cachedDayMs = dayMs;
  }
  if (time.length < 8 || time.charCodeAt(2) !== 58 || time.charCodeAt(5) !== 58) return null;
  const h = digits(time, 0, 2);
  const mi = digits(time, 3, 2);
  const s = digits(time, 6, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return null;
  let ms = 0;
  if (time.length > 8) {
    if (time.charCodeAt(8) !== 46) return null;
    const frac = time.slice(9, 12).padEnd(3, '0');
    ms = digits(frac, 0, 3);
    if (ms < 0) return null;
  }
  return dayMs + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Unsigned decimal (`sc-status`, `sc-win32-status` up to 4294967295); -1 for `-` or junk. */
export function w3cUint(raw: string | undefined): number {
  if (raw === undefined || raw.length === 0 || raw.length > 15) return -1;
  return digits(raw, 0, raw.length);
}

/** Column starts remembered per row; wider rows are counted but their extra columns not kept. */
const MAX_COLUMNS = 128;

/**
 * Lazy column access to one row: finds separators only as far as asked, and slices only the
 * values read. Cheaper than `split(' ')` on rows carrying a multi-kilobyte query (one memchr
 * jumps over it, no array of values is built). Reuse one cursor with `reset`.
 */
export class ColumnCursor {
  private readonly starts = new Int32Array(MAX_COLUMNS);
  private row = '';
  private known = 0;
  private next = 0;
  private done = true;

  reset(row: string): void {
    this.row = row;
    this.starts[0] = 0;
    this.known = 1;
    this.next = 0;
    this.done = false;
  }

  /** Value of column `i` (0-based), undefined when the row is shorter. */
  get(i: number): string | undefined {
    if (i < 0 || i + 1 >= MAX_COLUMNS) return undefined;
    this.scan(i + 1);
    if (i >= this.known) return undefined;
    const end = i + 1 < this.known ? (this.starts[i + 1] ?? 0) - 1 : this.row.length;
    return this.row.slice(this.starts[i], end);
  }

  /** Offset of column `i` in the row, -1 when the row is shorter. */
  startOf(i: number): number {
    if (i < 0 || i >= MAX_COLUMNS) return -1;
    this.scan(i);
    return i < this.known ? (this.starts[i] ?? -1) : -1;
  }

  /** Number of values in the row. */
  count(): number {
    this.scan(Infinity);
    return this.known;
  }

  /** Locates column starts until `k` of them are known or the row ends. */
  private scan(k: number): void {
    while (this.known <= k && !this.done) {
      const sp = this.row.indexOf(' ', this.next);
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

/** Raw value of a query parameter (key compared without case), or null. Not URL-decoded. */
export function queryParam(query: string | null | undefined, name: string): string | null {
  if (!query) return null;
  const key = name.toLowerCase();
  const kl = key.length;
  let pos = 0;
  while (pos < query.length) {
    let amp = query.indexOf('&', pos);
    if (amp === -1) amp = query.length;
    if (amp - pos > kl && query.charCodeAt(pos + kl) === 61 /* = */) {
      if (query.startsWith(key, pos) || query.slice(pos, pos + kl).toLowerCase() === key) {
        return query.slice(pos + kl + 1, amp);
      }
    }
    pos = amp + 1;
  }
  return null;
}
