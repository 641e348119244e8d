// Reads Windows PowerShell 5.1 `ConvertTo-Json` output (commands/*.json): a single object is not
// wrapped in an array, DateTime is "\/Date(ms)\/", and Int64 values such as accountExpires
// 9223372036854775807 exceed JS number precision, so long integers are kept as decimal strings.
// Empty text or invalid JSON throws ParseError (with line and column); nesting is capped at 512.
import { ParseError } from './errors';

export type PsValue = null | boolean | number | string | PsValue[] | { [k: string]: PsValue };

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonReader {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(what: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.s.length; i++) {
      if (this.s.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const cut =
      at >= this.s.length && !what.startsWith('unexpected end') ? 'unexpected end of text, ' : '';
    throw new ParseError(`invalid JSON: ${cut}${what} (column ${at - lineStart + 1})`, line);
  }

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  value(depth: number): PsValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.ws();
    const c = this.s[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (this.s.startsWith('true', this.pos)) return this.literal(4, true);
    if (this.s.startsWith('false', this.pos)) return this.literal(5, false);
    if (this.s.startsWith('null', this.pos)) return this.literal(4, null);
    return this.fail(c === undefined ? 'unexpected end of text' : `unexpected character '${c}'`);
  }

  literal(len: number, v: boolean | null): boolean | null {
    this.pos += len;
    return v;
  }

  object(depth: number): { [k: string]: PsValue } {
    const out: { [k: string]: PsValue } = {};
    this.pos++;
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail('expected a property name');
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ':') this.fail(`expected ':' after "${key}"`);
      this.pos++;
      const v = this.value(depth + 1);
      // A key named __proto__ must stay data, not replace the prototype.
      Object.defineProperty(out, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.ws();
      const c = this.s[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail("expected ',' or '}'", this.pos - 1);
    }
  }

  array(depth: number): PsValue[] {
    const out: PsValue[] = [];
    this.pos++;
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']'", this.pos - 1);
    }
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      PLAIN_CHARS.lastIndex = this.pos;
      PLAIN_CHARS.exec(this.s);
      out += this.s.slice(this.pos, PLAIN_CHARS.lastIndex);
      this.pos = PLAIN_CHARS.lastIndex;
      const c = this.s[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === undefined) this.fail('unterminated string', start);
      if (c !== '\\') this.fail('control character in string');
      const e = this.s[this.pos + 1];
      if (e === 'u') {
        const hex = this.s.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) this.fail(`bad escape '\\${e ?? ''}'`);
        out += r;
        this.pos += 2;
      }
    }
  }

  number(): number | string {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (!m) return this.fail('bad number');
    this.pos = NUMBER.lastIndex;
    const text = m[0];
    const digits = text.length - (text.startsWith('-') ? 1 : 0);
    if (m[1] === undefined && m[2] === undefined && digits > 15) return text;
    return Number(text);
  }
}

/** Parses ConvertTo-Json text. Integers of more than 15 digits come back as decimal strings. */
export function parsePsJson(text: string): PsValue {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (s.trim() === '') throw new ParseError('empty file');
  const r = new JsonReader(s);
  const v = r.value(0);
  r.ws();
  if (r.pos < s.length) r.fail('unexpected data after the JSON value');
  return v;
}

/** ConvertTo-Json writes one object bare and several as an array: always get an array. */
export function psArray(v: PsValue | undefined): PsValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function isObject(v: PsValue | undefined): v is { [k: string]: PsValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Property lookup ignoring case, as PowerShell does (exact spelling wins). */
export function psProp(obj: PsValue | undefined, name: string): PsValue | undefined {
  if (!isObject(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

export function psString(v: PsValue | undefined): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Numbers, or strings holding a decimal (or 0x hex) number; NaN/Infinity give null. */
export function psNumber(v: PsValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) || /^0x[0-9a-f]+$/i.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Integers exactly: numbers that are integers, or decimal integer strings. */
export function psBigInt(v: PsValue | undefined): bigint | null {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return /^[+-]?\d+$/.test(t) ? BigInt(t) : null;
}

const MS_DATE = /^\\?\/Date\((-?\d+)(?:[+-]\d{4})?\)\\?\/$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function isoFromString(s: string): string | null {
  const t = s.trim();
  const ms = MS_DATE.exec(t);
  // The ms count is UTC; a +hhmm suffix (DataContractJsonSerializer) only records the local offset.
  if (ms) return safeIso(Number(ms[1]));
  const m = ISO_DATE.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
    Number(x ?? 0),
  ) as [number, number, number, number, number, number];
  const frac = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const base = Date.UTC(y, mo - 1, d, h, mi, sec, frac);
  if (new Date(base).getUTCDate() !== d) return null;
  // No zone designator (DateTimeKind.Unspecified): read as UTC so the result never depends on
  // the machine that runs the analysis.
  let offsetMin = 0;
  const z = m[8];
  if (z && z.toUpperCase() !== 'Z') {
    const digits = z.slice(1).replace(':', '');
    offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (z.startsWith('-')) offsetMin = -offsetMin;
  }
  return safeIso(base - offsetMin * 60_000);
}

function safeIso(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

/**
 * DateTime as ISO UTC: "\/Date(ms)\/" (PS 5.1, optional +hhmm suffix), ISO strings (PS 7), or a
 * DateTime that kept its ETS members, `{ "value": "\/Date(..)\/", "DateTime": "<localized>" }`.
 */
export function psDate(v: PsValue | undefined): string | null {
  if (typeof v === 'string') return isoFromString(v);
  if (!isObject(v)) return null;
  for (const key of ['value', 'DateTime']) {
    const inner = psProp(v, key);
    if (typeof inner === 'string') {
      const iso = isoFromString(inner);
      if (iso) return iso;
    }
  }
  return null;
}
