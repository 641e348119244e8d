// Times the host wrote in its own format and zone (the connector's LastConnectionTime,
// NDESPlugin.log lines): ISO-8601, FILETIME/ticks/Unix numbers, or the host culture's short date,
// converted to UTC with the manifest's utcOffsetMinutes.
import type { RegData } from '../../parse/reg-file';

/** A time read from the host, in UTC. */
export interface HostTime {
  utcMs: number;
  /** How it was read. */
  format: 'iso-8601' | 'filetime' | 'dotnet-ticks' | 'unix' | 'culture';
  /** True when the text carried no zone and the host's UTC offset was applied. */
  local: boolean;
}

// Cultures whose short date is month first; every other culture with a day-or-month-first date is
// day first, and a four-digit first number is always year first (ja-JP, zh-CN, sv-SE, en-CA, …).
const MONTH_FIRST = new Set(['en-us', 'es-us', 'en-ph', 'fil-ph']);
const AM = /^(?:am|a\.\s?m\.|午前|오전|上午)$/i;
const PM = /^(?:pm|p\.\s?m\.|午後|오후|下午)$/i;
const DESIGNATOR = '(?:AM|PM|a\\.\\s?m\\.|p\\.\\s?m\\.|午前|午後|오전|오후|上午|下午)';
const DATE = '\\d{1,4}[/.\\-]\\d{1,2}[/.\\-]\\d{1,4}';
const TIME = '\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?(?:[.,]\\d+)?';
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const CULTURE = new RegExp(
  `^(?:(${DESIGNATOR})\\s*)?(\\d{1,4})([/.\\-])(\\d{1,2})\\3(\\d{1,4})\\.?[ ,T]+(?:(${DESIGNATOR})\\s*)?` +
    `(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:[.,]\\d+)?(?:\\s*(${DESIGNATOR}))?$`,
  'i',
);
const FIND = new RegExp(
  `\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?|` +
    `(?:${DESIGNATOR}\\s*)?${DATE}\\.?[ ,]+(?:${DESIGNATOR}\\s*)?${TIME}(?:\\s*${DESIGNATOR}(?![\\p{L}]))?`,
  'iu',
);

function fromIso(text: string): HostTime | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
  const base = utcOf(y!, mo!, d!, h!, mi!, s!, Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000));
  const zone = m[8];
  if (base === null) return null;
  if (!zone) return { utcMs: base, format: 'iso-8601', local: true };
  const digits = zone.slice(1).replace(':', '');
  const off =
    zone.toUpperCase() === 'Z' ? 0 : Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return {
    utcMs: base - (zone.startsWith('-') ? -off : off) * 60_000,
    format: 'iso-8601',
    local: false,
  };
}

function utcOf(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0) {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : null;
}

function fromNumber(digits: string): HostTime | null {
  const n = BigInt(digits);
  const inYears = (ms: number) => ms >= Date.UTC(1990, 0, 1) && ms < Date.UTC(2100, 0, 1);
  // FILETIME: 100 ns since 1601 UTC; .NET ticks: 100 ns since year 1 (DateTime.Now: local).
  const filetime = Number(n / 10_000n) - 11_644_473_600_000;
  if (inYears(filetime)) return { utcMs: filetime, format: 'filetime', local: false };
  const ticks = Number(n / 10_000n) - 62_135_596_800_000;
  if (inYears(ticks)) return { utcMs: ticks, format: 'dotnet-ticks', local: true };
  const num = Number(n);
  if (inYears(num)) return { utcMs: num, format: 'unix', local: false };
  if (inYears(num * 1000)) return { utcMs: num * 1000, format: 'unix', local: false };
  return null;
}

function fromCulture(text: string, culture: string | undefined): HostTime | null {
  const m = CULTURE.exec(text);
  if (!m) return null;
  const [a, b, c] = [m[2], m[4], m[5]].map(Number) as [number, number, number];
  let y: number, mo: number, d: number;
  if ((m[2] ?? '').length === 4) [y, mo, d] = [a, b, c];
  else {
    const c4 = (m[5] ?? '').length <= 2 ? 2000 + c : c;
    const name = culture?.toLowerCase();
    const monthFirst = name ? MONTH_FIRST.has(name) : a > 12 ? false : b > 12 ? true : null;
    if (monthFirst === null) return null;
    [y, mo, d] = monthFirst ? [c4, a, b] : [c4, b, a];
  }
  let h = Number(m[7]);
  const designator = m[1] ?? m[6] ?? m[10];
  if (designator) {
    if (h < 1 || h > 12) return null;
    if (AM.test(designator)) h = h % 12;
    else if (PM.test(designator)) h = (h % 12) + 12;
  }
  const t = utcOf(y, mo, d, h, Number(m[8]), Number(m[9] ?? 0));
  return t === null ? null : { utcMs: t, format: 'culture', local: true };
}

/**
 * Reads a date the host wrote: ISO-8601, then a FILETIME / ticks / Unix number, then the
 * `culture`'s short date and long time. Zone-less values are host local time, converted with
 * `utcOffsetMinutes` (the offset at collection: a DST change in between shifts it by an hour).
 */
export function parseHostTime(
  raw: RegData | string,
  culture: string | undefined,
  utcOffsetMinutes: number,
): HostTime | null {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (raw.type === 'REG_SZ' || raw.type === 'REG_EXPAND_SZ') text = raw.value;
  else if (raw.type === 'REG_QWORD') text = raw.value;
  else if (raw.type === 'REG_DWORD') text = String(raw.value);
  else if (
    raw.type === 'REG_BINARY' &&
    /^[0-9a-f]{16}$/i.test(raw.hex.replace(/[^0-9a-f]/gi, ''))
  ) {
    const hex = raw.hex.replace(/[^0-9a-f]/gi, '');
    text = BigInt(`0x${(hex.match(/../g) ?? []).reverse().join('')}`).toString();
  } else return null;
  text = text.trim().replace(/\u00a0|\u202f/g, ' ');
  const t = ISO.test(text)
    ? fromIso(text)
    : /^\d{9,19}$/.test(text)
      ? fromNumber(text)
      : fromCulture(text, culture);
  if (!t || !t.local) return t;
  return { ...t, utcMs: t.utcMs - utcOffsetMinutes * 60_000 };
}

/** The first date and time inside a log line, read as `parseHostTime` does; null when none. */
export function findHostTime(
  line: string,
  culture: string | undefined,
  utcOffsetMinutes: number,
): HostTime | null {
  const m = FIND.exec(line);
  return m ? parseHostTime(m[0], culture, utcOffsetMinutes) : null;
}
