import { describe, expect, it } from '@jest/globals';
import { arrayField, BinaryCopyDecoder, numericFen } from './binary-copy.js';

/**
 * The binary COPY decoder over a stream built by hand from PostgreSQL's format (signature, flags,
 * header extension, tuples of length-prefixed fields, trailer), cut into chunks every possible way.
 */
const int32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
};
const int16 = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(v);
  return b;
};
const field = (payload: Buffer | null) => (payload ? Buffer.concat([int32(payload.length), payload]) : int32(-1));
/** An int4[] in binary: ndim 1, no nulls, element oid 23, then length and lower bound, then elements. */
const int4Array = (xs: number[]) => Buffer.concat([int32(1), int32(0), int32(23), int32(xs.length), int32(1), ...xs.map((x) => Buffer.concat([int32(4), int32(x)]))]);

function stream(tuples: Array<Array<Buffer | null>>): Buffer {
  const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), int32(0), int32(0)]);
  return Buffer.concat([header, ...tuples.map((t) => Buffer.concat([int16(t.length), ...t.map(field)])), int16(-1)]);
}

function decode(data: Buffer, chunk: number): Array<{ k: number; xs: number[] }> {
  const out: Array<{ k: number; xs: number[] }> = [];
  const d = new BinaryCopyDecoder((b, at) => {
    const k = b.readInt32BE(at + 4);
    const a = arrayField(b, at + 8);
    out.push({ k, xs: Array.from({ length: a.count }, (_, i) => b.readInt32BE(a.elements + 8 * i + 4)) });
  });
  for (let i = 0; i < data.length; i += chunk) d.push(data.subarray(i, i + chunk));
  d.end();
  return out;
}

describe('BinaryCopyDecoder', () => {
  const big = Array.from({ length: 50_000 }, (_, i) => i * 7 - 3);
  const tuples = [
    [int32(1), int4Array([10, 20, 30])],
    [int32(2), null], // a NULL array field: no elements
    [int32(3), int4Array(big)], // 400 KB in one tuple
    [int32(4), int4Array([-1])],
  ];
  const data = stream(tuples);
  const want = [
    { k: 1, xs: [10, 20, 30] },
    { k: 2, xs: [] },
    { k: 3, xs: big },
    { k: 4, xs: [-1] },
  ];

  it('gives the same tuples however the stream is cut', () => {
    for (const chunk of [1, 2, 3, 7, 19, 64, 4096, 65_536, data.length]) expect(decode(data, chunk)).toEqual(want);
  });

  it('refuses a stream that ends inside a tuple or without its trailer, or has a bad signature', () => {
    expect(() => decode(data.subarray(0, data.length - 5), 1000)).toThrow(/ended inside a tuple/);
    expect(() => decode(data.subarray(0, data.length - 2), 1000)).toThrow(/without its trailer/);
    const bad = Buffer.from(data);
    bad[0] = 0x51;
    expect(() => decode(bad, 1000)).toThrow(/bad signature/);
  });
});

describe('numericFen', () => {
  /** A numeric in binary: ndigits, weight, sign, dscale, base-10000 digits. */
  const numeric = (digits: number[], weight: number, negative = false) =>
    Buffer.concat([int16(digits.length), int16(weight), Buffer.from([negative ? 0x40 : 0, 0]), int16(2), ...digits.map(int16)]);

  it('reads whole fen from base-10000 digits, as a number below 10^12 yuan and a bigint above', () => {
    expect(numericFen(numeric([1234, 5600], 0), 0)).toBe(123_456); // 1234.56
    expect(numericFen(numeric([12], 1), 0)).toBe(12_000_000); // 120000 (trailing zero digits dropped)
    expect(numericFen(numeric([5000], -1, true), 0)).toBe(-50); // -0.50
    expect(numericFen(numeric([9999, 9999, 9999, 9900], 2), 0)).toBe(99_999_999_999_999); // 999999999999.99
    expect(numericFen(numeric([1, 2345, 6789, 123, 4567, 8900], 4), 0)).toBe(123_456_789_012_345_678_900n / 100n);
  });

  it('refuses more than two decimals and NaN', () => {
    expect(() => numericFen(numeric([1234], -1), 0)).toThrow(/more than two decimals/); // 0.1234
    const nan = Buffer.concat([int16(0), int16(0), Buffer.from([0xc0, 0]), int16(0)]);
    expect(() => numericFen(nan, 0)).toThrow(/not a finite number/);
  });
});
