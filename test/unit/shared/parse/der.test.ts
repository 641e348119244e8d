import { describe, it, expect } from 'vitest';
import {
  children,
  decodeOid,
  decodeSmallInt,
  decodeString,
  readTlv,
  toHex,
} from '../../../../shared/parse/der';
import { ParseError } from '../../../../shared/parse/errors';

const b = (...x: number[]) => Uint8Array.from(x);

describe('der', () => {
  it('decodes OIDs, including large arcs and the 2.x first-arc form', () => {
    expect(decodeOid(b(0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x01))).toBe(
      '1.3.6.1.4.1.311.20.2.1',
    );
    expect(decodeOid(b(0x55, 0x1d, 0x25))).toBe('2.5.29.37');
    expect(decodeOid(b(0x88, 0x37, 0x03))).toBe('2.999.3');
    expect(() => decodeOid(new Uint8Array(0))).toThrow(ParseError);
  });

  it('decodes the string types Windows uses in names and template extensions', () => {
    const str = (tag: number, ...v: number[]) => {
      const bytes = b(tag, v.length, ...v);
      return decodeString(bytes, readTlv(bytes, 0));
    };
    expect(str(0x1e, 0, 0x43, 0, 0x45, 0, 0x50)).toBe('CEP');
    expect(str(0x0c, 0xc3, 0xa9)).toBe('é');
    expect(str(0x13, 0x41, 0x42)).toBe('AB');
    expect(str(0x14, 0xe9)).toBe('é');
    expect(str(0x1c, 0, 0, 0, 0x41)).toBe('A');
    expect(str(0x02, 1)).toBeNull();
  });

  it('reads indefinite lengths and high tag numbers', () => {
    const ber = b(0x30, 0x80, 0x02, 0x01, 0x05, 0x3f, 0x81, 0x00, 0x00, 0x00, 0x00);
    const outer = readTlv(ber, 0);
    expect(outer.end).toBe(ber.length);
    const [int, high] = children(ber, outer);
    expect(int && decodeSmallInt(ber.subarray(int.valueStart, int.valueEnd))).toBe(5);
    expect(high).toMatchObject({ cls: 0, constructed: true, num: 128 });
  });

  it('fails cleanly on truncation, bad lengths and deep nesting', () => {
    expect(() => readTlv(b(0x30, 0x05, 0x01), 0)).toThrow(/truncated/);
    expect(() => readTlv(b(0x30, 0x85, 1, 1, 1, 1, 1), 0)).toThrow(/unsupported length/);
    expect(() => readTlv(b(0x04, 0x80, 0, 0), 0)).toThrow(/primitive/);
    expect(() => readTlv(b(0x30), 0)).toThrow(/missing length/);
    const deep = Uint8Array.from({ length: 400 }, (_, i) => (i % 2 ? 0x80 : 0x30));
    expect(() => readTlv(deep, 0)).toThrow(/nesting too deep/);
  });

  it('writes upper-case hex and rejects negative or huge small ints', () => {
    expect(toHex(b(0x0a, 0xff))).toBe('0AFF');
    expect(decodeSmallInt(b(0x80))).toBeNull();
    expect(decodeSmallInt(b(1, 2, 3, 4, 5, 6, 7))).toBeNull();
    expect(decodeSmallInt(b(0x00, 0x80))).toBe(128);
  });
});
