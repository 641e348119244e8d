import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { ParseError } from '../../../../shared/parse/errors';
import {
  parsePsJson,
  psArray,
  psBigInt,
  psDate,
  psNumber,
  psProp,
  psString,
  type PsValue,
} from '../../../../shared/parse/ps-json';

const text = (rel: string): string => new TextDecoder().decode(sample(rel));
const EVENT = 'command-output/getwinevent-convertto-json-ps51-depth2.json';

function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function parseErrorOf(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('no ParseError thrown');
}

describe('parsePsJson on the Get-WinEvent | ConvertTo-Json (PS 5.1, depth 2) sample', () => {
  const ev = parsePsJson(text(EVENT));

  it('reads scalars, nulls and \\u0027 escapes', () => {
    expect(psNumber(psProp(ev, 'Id'))).toBe(13);
    expect(psProp(ev, 'Qualifiers')).toBeNull();
    expect(psString(psProp(ev, 'ProviderName'))).toBe('Microsoft-Windows-Hyper-V-Netvsc');
    expect(psString(psProp(ev, 'Message'))).toBe(
      "Miniport NIC 'Microsoft Hyper-V Network Adapter #3' disconnected",
    );
  });

  it('keeps the Int64 Keywords exactly as a decimal string', () => {
    expect(psProp(ev, 'Keywords')).toBe('-9223372036854775808');
    expect(psBigInt(psProp(ev, 'Keywords'))).toBe(-9223372036854775808n);
  });

  it('converts TimeCreated "\\/Date(1595374458918)\\/" to ISO UTC', () => {
    expect(psProp(ev, 'TimeCreated')).toBe('/Date(1595374458918)/');
    expect(psDate(psProp(ev, 'TimeCreated'))).toBe('2020-07-21T23:34:18.918Z');
  });

  it('reads empty arrays, empty objects and depth-truncated Properties', () => {
    expect(psProp(ev, 'MatchedQueryIds')).toEqual([]);
    expect(psProp(ev, 'Bookmark')).toEqual({});
    const props = psArray(psProp(ev, 'Properties'));
    expect(props).toHaveLength(2);
    expect(props[0]).toBe('System.Diagnostics.Eventing.Reader.EventProperty');
  });

  it('looks properties up case-insensitively', () => {
    expect(psString(psProp(ev, 'providername'))).toBe('Microsoft-Windows-Hyper-V-Netvsc');
    expect(psString(psProp(ev, 'LOGNAME'))).toBe('System');
    expect(psProp(ev, 'NoSuchProperty')).toBeUndefined();
  });

  it('wraps the single event (an object, not an array) with psArray', () => {
    const events = psArray(ev);
    expect(events).toHaveLength(1);
    expect(psNumber(psProp(events[0], 'RecordId'))).toBe(2555);
  });
});

describe('parsePsJson', () => {
  it('strips a BOM and keeps accountExpires 9223372036854775807 exactly', () => {
    const v = parsePsJson(
      '\ufeff{ "accountExpires":  9223372036854775807, "pwdLastSet":  133000000000000000 }',
    );
    expect(psProp(v, 'accountExpires')).toBe('9223372036854775807');
    expect(psBigInt(psProp(v, 'accountExpires'))).toBe(9223372036854775807n);
    expect(psBigInt(psProp(v, 'pwdLastSet'))).toBe(133000000000000000n);
  });

  it('keeps 15-digit integers and all decimals as numbers', () => {
    const v = parsePsJson('[123456789012345, 1.5e3, -0.25, 1234567890123456]');
    expect(v).toEqual([123456789012345, 1500, -0.25, '1234567890123456']);
  });

  it('keeps a "__proto__" key as data', () => {
    const v = parsePsJson('{"__proto__": {"x": 1}, "a": 2}');
    expect(Object.keys(v as object)).toEqual(['__proto__', 'a']);
    expect(psProp(psProp(v, '__proto__'), 'x')).toBe(1);
  });

  it('decodes all string escapes', () => {
    expect(parsePsJson('"a\\"b\\\\c\\/d\\n\\t\\u00e9"')).toBe('a"b\\c/d\n\té');
  });

  it('throws ParseError("empty file") on empty or blank text', () => {
    expect(parseErrorOf(() => parsePsJson('')).message).toBe('empty file');
    expect(parseErrorOf(() => parsePsJson('\ufeff  \r\n')).message).toBe('empty file');
  });

  it('reports line and column of invalid JSON', () => {
    const e = parseErrorOf(() => parsePsJson('{\r\n    "Id":  13,\r\n    "Level":  x\r\n}'));
    expect(e.line).toBe(3);
    expect(e.message).toContain("unexpected character 'x'");
    expect(e.message).toContain('column 15');
  });

  it('rejects truncated output, trailing data and bad tokens', () => {
    const whole = text(EVENT);
    expect(parseErrorOf(() => parsePsJson(whole.slice(0, 400))).message).toMatch(
      /unexpected end|unterminated/,
    );
    expect(parseErrorOf(() => parsePsJson('{} {}')).message).toContain('after the JSON value');
    expect(() => parsePsJson('[1,]')).toThrow(ParseError);
    expect(() => parsePsJson('{"a" 1}')).toThrow(ParseError);
    expect(() => parsePsJson('"\\x"')).toThrow(ParseError);
    expect(() => parsePsJson('tru')).toThrow(ParseError);
  });

  it('throws ParseError (not a stack overflow) on absurd nesting', () => {
    expect(parseErrorOf(() => parsePsJson('['.repeat(100_000))).message).toContain('nesting');
  });

  it('throws ParseError on binary garbage', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const bytes = garbage(4096, seed);
      expect(() => parsePsJson(new TextDecoder('latin1').decode(bytes))).toThrow(ParseError);
      expect(() => parsePsJson(new TextDecoder().decode(bytes))).toThrow(ParseError);
    }
  });
});

describe('ps-json helpers', () => {
  it('psDate accepts the /Date/ variants, ISO strings and DateTime objects', () => {
    expect(psDate('/Date(1700000000000)/')).toBe('2023-11-14T22:13:20.000Z');
    expect(psDate('\\/Date(1700000000000)\\/')).toBe('2023-11-14T22:13:20.000Z');
    expect(psDate('/Date(1700000000000+0100)/')).toBe('2023-11-14T22:13:20.000Z');
    expect(psDate('/Date(-86400000)/')).toBe('1969-12-31T00:00:00.000Z');
    expect(psDate('2026-08-03T18:34:56.1234567+02:00')).toBe('2026-08-03T16:34:56.123Z');
    expect(psDate('2026-08-03T18:34:56Z')).toBe('2026-08-03T18:34:56.000Z');
    expect(psDate('2026-08-03T18:34:56')).toBe('2026-08-03T18:34:56.000Z');
    const wmi = parsePsJson(
      '{"LastBootUpTime": {"value": "\\/Date(1700000000000)\\/", "DisplayHint": 2, "DateTime": "Tuesday, November 14, 2023 11:13:20 PM"}}',
    );
    expect(psDate(psProp(wmi, 'LastBootUpTime'))).toBe('2023-11-14T22:13:20.000Z');
    expect(psDate({ DateTime: '2023-11-14T22:13:20Z' })).toBe('2023-11-14T22:13:20.000Z');
  });

  it('psDate gives null for non-dates', () => {
    const bad: (PsValue | undefined)[] = [
      undefined,
      null,
      5,
      'Tuesday',
      '2026-02-30T00:00:00Z',
      '/Date(x)/',
      [],
    ];
    for (const v of bad) expect(psDate(v)).toBeNull();
  });

  it('psNumber, psBigInt and psString convert leniently but never guess', () => {
    expect(psNumber('42')).toBe(42);
    expect(psNumber(' 0x498 ')).toBe(0x498);
    expect(psNumber('4 KB')).toBeNull();
    expect(psNumber(true)).toBeNull();
    expect(psBigInt(66049)).toBe(66049n);
    expect(psBigInt(1.5)).toBeNull();
    expect(psBigInt('12a')).toBeNull();
    expect(psString(3)).toBe('3');
    expect(psString(null)).toBeNull();
    expect(psString({})).toBeNull();
  });

  it('psArray and psProp handle missing values', () => {
    expect(psArray(null)).toEqual([]);
    expect(psArray(undefined)).toEqual([]);
    expect(psArray([1, 2])).toEqual([1, 2]);
    expect(psArray('x')).toEqual(['x']);
    expect(psProp(null, 'a')).toBeUndefined();
    expect(psProp([1], 'length')).toBeUndefined();
    expect(psProp({ Name: 1, name: 2 }, 'name')).toBe(2);
  });
});
