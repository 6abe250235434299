import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz } from './timestamptz.js';

// The reference is pg's own parser (postgres-date), taken before anything could replace it.
const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date | number | null;
const same = (s: string) => {
  const a = parseTimestamptz(s);
  const b = general(s);
  expect(a instanceof Date ? a.getTime() : a).toEqual(b instanceof Date ? b.getTime() : b);
};
const pad = (v: number, n: number) => String(v).padStart(n, '0');

describe('parseTimestamptz', () => {
  it('gives the Date pg itself gives for any timestamptz PostgreSQL prints (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1000, max: 9999 }),
          mo: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          s: fc.integer({ min: 0, max: 59 }),
          frac: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 999_999 }).map((f) => `.${pad(f, 6).replace(/0+$/, '') || '0'}`)),
          sign: fc.constantFrom('+', '-'),
          oh: fc.integer({ min: 0, max: 14 }),
          om: fc.constantFrom(null, 0, 30, 45),
        }),
        (t) => same(`${t.y}-${pad(t.mo, 2)}-${pad(t.d, 2)} ${pad(t.h, 2)}:${pad(t.mi, 2)}:${pad(t.s, 2)}${t.frac}${t.sign}${pad(t.oh, 2)}${t.om === null ? '' : `:${pad(t.om, 2)}`}`),
      ),
      { numRuns: 3000 },
    );
  });
  it('hands every other form to pg: BC, infinity, years before 1000 or after 9999, offsets with seconds', () => {
    for (const s of ['2026-11-28 11:47:59.58+00', '0044-03-15 12:00:00+00 BC', 'infinity', '-infinity', '0099-01-01 00:00:00+00', '12026-01-01 00:00:00+00', '2026-11-28 11:47:59+05:30:15', '2026-11-28 11:47:59.+00', '2026-11-28 11:47:59'])
      same(s);
  });
});
