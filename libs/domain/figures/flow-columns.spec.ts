import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Decimal } from '../money/decimal.js';
import { FlowColumns, seriesFromColumns, type ValuationPoint } from './flow-columns.js';
import { dateOfDay, dayNumber, fenAt, type FenSeries, fenText, poolSeries, seriesOf, withFinalFen } from './position-series.js';
import type { PositionData } from './position-figures.js';

/**
 * The columnar reduction (what the review runs over a million flows) against seriesOf over the raw
 * flows, the plain definition: same days, same netted fen, same exact totals and rolled-forward NAV.
 */
const AS_OF = '2025-12-31';

/** The fen of a series as exact bigints, whichever form it is held in. */
const exact = (f: FenSeries) => Array.from({ length: f.length }, (_, i) => fenAt(f, i));
const toFen = (amount: string) => BigInt(new Decimal(amount).times(100).toFixed(0));

function columnsOf(positions: PositionData[]): FlowColumns {
  const c = new FlowColumns();
  positions.forEach((p, k) => {
    for (const f of p.flows) {
      if (f.date > AS_OF) continue; // the query's flow_date <= asOf
      const fen = toFen(f.amount.toFixed(2));
      const signed = f.kind === 'CONTRIBUTION' ? -fen : fen;
      // As numericFen hands them over: an amount below 10^12 yuan as a float64 integer, a larger one as a bigint.
      c.add(k + 1, dayNumber(f.date), fen < 10n ** 14n ? Number(signed) : signed);
    }
  });
  return c;
}

/** The latest valuation on or before asOf; on a tie the last one given (as the query orders them). */
function latest(p: PositionData): ValuationPoint | undefined {
  let v: PositionData['valuations'][number] | undefined;
  for (const x of p.valuations) if (x.date <= AS_OF && (v === undefined || x.date >= v.date)) v = x;
  return v && { day: dayNumber(v.date), nav: v.nav.toFixed(2) };
}

// Before 1970 (negative day numbers) and beyond the as-of date too.
const date = fc.integer({ min: dayNumber('1965-01-01'), max: dayNumber('2026-06-30') }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const amount = (maxFen: bigint) => fc.bigInt({ min: 1n, max: maxFen }).map((f) => new Decimal(f.toString()).div(100));
const position = (maxFen: bigint) =>
  fc.record({
    commitment: fc.constant(new Decimal(0)),
    flows: fc.array(fc.record({ date, kind: fc.constantFrom('CONTRIBUTION' as const, 'DISTRIBUTION' as const), amount: amount(maxFen) }), { minLength: 1, maxLength: 60 }),
    valuations: fc.array(fc.record({ date, nav: amount(maxFen) }), { maxLength: 4 }),
  });

function check(positions: PositionData[]): void {
  const r = seriesFromColumns(columnsOf(positions), (k) => latest(positions[k - 1]!));
  positions.forEach((p, k) => {
    const want = seriesOf(p, AS_OF);
    const got = r.series.get(k + 1);
    if (want.flowCount === 0) {
      expect(got).toBeUndefined();
      return;
    }
    expect(got).toBeDefined();
    expect(Array.from(got!.days)).toEqual(want.days);
    expect(exact(got!.fen)).toEqual(exact(want.fen));
    expect(got!.fen instanceof Float64Array).toBe(want.fen instanceof Float64Array);
    expect(got!.paidIn.toFixed(2)).toBe(want.paidIn.toFixed(2));
    expect(got!.distributed.toFixed(2)).toBe(want.distributed.toFixed(2));
    expect(got!.nav.toFixed(2)).toBe(want.nav.toFixed(2));
    expect(got!.flowCount).toBe(want.flowCount);
    // Contributions per calendar year, summed by hand from the raw flows.
    const byYear = new Map<number, bigint>();
    for (const f of p.flows) {
      if (f.date > AS_OF || f.kind !== 'CONTRIBUTION') continue;
      const y = Number(f.date.slice(0, 4));
      byYear.set(y, (byYear.get(y) ?? 0n) + toFen(f.amount.toFixed(2)));
    }
    const got2 = new Map(r.yearly.filter((y) => y.pos === k + 1).map((y) => [y.year, y.fen]));
    expect(got2).toEqual(byYear);
  });
}

describe('seriesFromColumns', () => {
  it('nets a small hand-made position per day, exactly', () => {
    const c = new FlowColumns();
    // 2024-01-02: −1,000.00 and +250.50 the same day; 2024-12-31: +0.01; 2025-01-01: −100.00
    c.add(1, dayNumber('2024-12-31'), 1);
    c.add(1, dayNumber('2024-01-02'), -100_000);
    c.add(1, dayNumber('2025-01-01'), -10_000);
    c.add(1, dayNumber('2024-01-02'), 25_050);
    const r = seriesFromColumns(c, () => ({ day: dayNumber('2024-06-30'), nav: '900.00' }));
    const s = r.series.get(1)!;
    expect(Array.from(s.days)).toEqual([dayNumber('2024-01-02'), dayNumber('2024-12-31'), dayNumber('2025-01-01')]);
    expect(exact(s.fen)).toEqual([-74_950n, 1n, -10_000n]);
    expect(s.fen).toBeInstanceOf(Float64Array); // small amounts: float64 integers, exact
    expect(s.paidIn.toFixed(2)).toBe('1100.00');
    expect(s.distributed.toFixed(2)).toBe('250.51');
    // 900.00 valued on 2024-06-30, then −0.01 distributed and +100.00 contributed after it
    expect(s.nav.toFixed(2)).toBe('999.99');
    expect(s.flowCount).toBe(4);
    expect(r.yearly).toEqual([
      { pos: 1, year: 2024, fen: 100_000n },
      { pos: 1, year: 2025, fen: 10_000n },
    ]);
  });

  it('puts contributions in the right calendar year at the edges of its day-to-year table and beyond', () => {
    const c = new FlowColumns();
    const days = ['1899-12-31', '1900-01-01', '1969-12-31', '1970-01-01', '2199-12-31', '2200-01-01', '2200-12-31'];
    days.forEach((d, i) => c.add(1, dayNumber(d), -(i + 1)));
    const r = seriesFromColumns(c, () => undefined);
    expect(r.yearly.map((y) => [y.year, y.fen])).toEqual([
      [1899, 1n],
      [1900, 2n],
      [1969, 3n],
      [1970, 4n],
      [2199, 5n],
      [2200, 13n],
    ]);
    expect(Array.from(r.series.get(1)!.days)).toEqual(days.map(dayNumber));
  });

  it('agrees with seriesOf over the raw flows (amounts up to a billion yuan)', () => {
    fc.assert(fc.property(fc.array(position(100_000_000_000n), { minLength: 1, maxLength: 6 }), check), { numRuns: 150 });
  });

  it('takes the exact bigint path when a position could pass 2^53 fen, and still agrees', () => {
    // Amounts up to 10^17 yuan: sums far beyond float64's exact integers.
    fc.assert(fc.property(fc.array(position(10n ** 19n), { minLength: 1, maxLength: 4 }), check), { numRuns: 80 });
    const c = new FlowColumns();
    c.add(1, 100, -(2n ** 60n) - 1n);
    c.add(1, 100, 3);
    const s = seriesFromColumns(c, () => undefined).series.get(1)!;
    expect(s.fen).toEqual([-(2n ** 60n) + 2n]); // beyond 2^53: bigints
    expect(s.paidIn.toFixed(2)).toBe('11529215046068469.77');
  });
});

describe('fenText and dateOfDay', () => {
  it('writes whole fen as two-decimal yuan text by moving the point', () => {
    expect([0n, 5n, -5n, 100n, -100n, 123456n, -1234505n, 2n ** 63n].map(fenText)).toEqual(['0.00', '0.05', '-0.05', '1.00', '-1.00', '1234.56', '-12345.05', '92233720368547758.08']);
    expect([0, 5, -5, -1234505, Number.MAX_SAFE_INTEGER].map(fenText)).toEqual(['0.00', '0.05', '-0.05', '-12345.05', '90071992547409.91']);
  });

  it('gives the same date for a day number each time it is asked', () => {
    for (const d of ['1969-12-31', '1970-01-01', '2024-02-29', '2025-12-31']) {
      expect(dateOfDay(dayNumber(d))).toBe(d);
      expect(dateOfDay(dayNumber(d))).toBe(d);
    }
  });
});

describe('pooled and final-day fen stay exact on either side of 2^53', () => {
  const s = (days: number[], fen: FenSeries) => ({ commitment: new Decimal(0), paidIn: new Decimal(0), distributed: new Decimal(0), nav: new Decimal(0), days, fen });

  it('pools float64 members as float64 while the total is safe, and as bigint beyond', () => {
    const small = poolSeries([s([1, 3], Float64Array.from([-100, 50])), s([2, 3], Float64Array.from([-7, 25]))]);
    expect(Array.from(small.days)).toEqual([1, 2, 3]);
    expect(small.fen).toBeInstanceOf(Float64Array);
    expect(exact(small.fen)).toEqual([-100n, -7n, 75n]);
    const half = 2 ** 52; // two of them reach 2^53: no longer every partial sum is sure to be exact
    const big = poolSeries([s([1], Float64Array.from([half])), s([1], Float64Array.from([half + 1]))]);
    expect(big.fen).toEqual([2n ** 53n + 1n]);
  });

  it('adds the NAV on the last day or as a new day, switching to bigint when needed', () => {
    const a = withFinalFen([10, 20], Float64Array.from([-500, 100]), 20, 401n);
    expect(a.days).toEqual([10, 20]);
    expect(exact(a.fen)).toEqual([-500n, 501n]);
    const b = withFinalFen([10], Float64Array.from([-500]), 30, 2n ** 60n);
    expect(b.days).toEqual([10, 30]);
    expect(b.fen).toEqual([-500n, 2n ** 60n]);
  });
});
