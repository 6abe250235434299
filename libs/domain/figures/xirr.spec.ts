import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Decimal } from '../money/decimal.js';
import { addDays, daysBetween } from '../money/business-date.js';
import { netByDate, xirr, xirrFen, xnpv, type DatedAmount } from './xirr.js';
import { withFinalFen } from './position-series.js';

/**
 * Expected values are independent of xirr.ts: closed forms written out, Excel's own
 * documentation, or mpmath (Python, 50 significant digits, findroot on the same XNPV
 * equation) where noted. Tolerance 1e-6 on the rate unless said otherwise.
 * Years below are chosen so that "one year later" is 365 days unless the case is about leap years:
 * 2021-01-01 → 2022-01-01 → 2023-01-01 → 2024-01-01 are 365 days each.
 */
const f = (date: string, amount: string | number): DatedAmount => ({ date, amount: new Decimal(amount) });

/** Excel's XIRR documentation example (support.microsoft.com, "XIRR function"). */
const EXCEL_EXAMPLE = [
  f('2008-01-01', -10000),
  f('2008-03-01', 2750),
  f('2008-10-30', 4250),
  f('2009-02-15', 3250),
  f('2009-04-01', 2750),
];

function expectRate(flows: DatedAmount[], expected: number) {
  const r = xirr(flows);
  expect(r.reason).toBe('OK');
  expect(r.rate).not.toBeNull();
  expect(r.rate!).toBeCloseTo(expected, 6);
  return r;
}

describe('xirr: no rate, with the reason', () => {
  it('no flows → NO_FLOWS', () => {
    expect(xirr([])).toEqual({ rate: null, reason: 'NO_FLOWS', multipleRoots: false, iterations: 0, spreadsheet: null });
  });
  it('a single flow has no sign change', () => {
    expect(xirr([f('2021-01-01', -100)])).toMatchObject({ rate: null, reason: 'NO_SIGN_CHANGE' });
  });
  it('only contributions (all negative) → NO_SIGN_CHANGE', () => {
    expect(xirr([f('2021-01-01', -100), f('2021-06-01', -50), f('2022-01-01', -1)])).toMatchObject({ rate: null, reason: 'NO_SIGN_CHANGE' });
  });
  it('only distributions (all positive) → NO_SIGN_CHANGE', () => {
    expect(xirr([f('2021-01-01', 100), f('2022-01-01', 5)])).toMatchObject({ rate: null, reason: 'NO_SIGN_CHANGE' });
  });
  it('total loss: −100 then 0 → NO_SIGN_CHANGE (a zero is no inflow)', () => {
    expect(xirr([f('2021-01-01', -100), f('2022-01-01', 0)])).toMatchObject({ rate: null, reason: 'NO_SIGN_CHANGE' });
  });
  it('all amounts zero → ALL_ZERO', () => {
    expect(xirr([f('2021-01-01', 0), f('2022-01-01', '0.00')])).toMatchObject({ rate: null, reason: 'ALL_ZERO' });
  });
  it('every day nets to zero → ALL_ZERO', () => {
    expect(xirr([f('2021-01-01', -100), f('2021-01-01', 100), f('2022-01-01', '-0.01'), f('2022-01-01', '0.01')])).toMatchObject({
      rate: null,
      reason: 'ALL_ZERO',
    });
  });
  it('same-day netting can remove the sign change: −100 and +30 on one day, −10 later → NO_SIGN_CHANGE', () => {
    expect(xirr([f('2021-01-01', -100), f('2021-01-01', 30), f('2022-01-01', -10)])).toMatchObject({ rate: null, reason: 'NO_SIGN_CHANGE' });
  });
  it('two sign changes and no real root → NO_ROOT: −100, +50, −100 yearly', () => {
    // −100 + 50v − 100v² = 0 with v = 1/(1+r): discriminant 50² − 4·100·100 = −37500 < 0, no root.
    expect(xirr([f('2021-01-01', -100), f('2022-01-01', 50), f('2023-01-01', -100)])).toMatchObject({
      rate: null,
      reason: 'NO_ROOT',
      multipleRoots: false,
    });
  });
});

describe('xirr: documented and closed-form rates', () => {
  it("Excel's documented example → 0.373362535 (Excel documentation; mpmath: 0.3733625335188315)", () => {
    const r = expectRate(EXCEL_EXAMPLE, 0.373362535);
    expect(r.multipleRoots).toBe(false);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.iterations).toBeLessThanOrEqual(100);
  });
  it('the same example, unsorted, gives the same rate', () => {
    const shuffled = [EXCEL_EXAMPLE[3]!, EXCEL_EXAMPLE[0]!, EXCEL_EXAMPLE[4]!, EXCEL_EXAMPLE[2]!, EXCEL_EXAMPLE[1]!];
    expectRate(shuffled, 0.373362535);
  });

  it.each([
    // [label, flows, expected, how]
    ['−100, +110 after 365 days', [f('2021-01-01', -100), f('2022-01-01', 110)], 0.1, '110/100 − 1'],
    ['−100, +121 after 730 days', [f('2021-01-01', -100), f('2023-01-01', 121)], 0.1, '(121/100)^(365/730) − 1 = 1.1 − 1'],
    ['one-year doubling', [f('2021-01-01', -100), f('2022-01-01', 200)], 1.0, '200/100 − 1'],
    ['−100, +0.01 after a year (near −100%)', [f('2021-01-01', -100), f('2022-01-01', '0.01')], -0.9999, '0.01/100 − 1'],
    ['−100, +1 after a year', [f('2021-01-01', -100), f('2022-01-01', 1)], -0.99, '1/100 − 1'],
    ['−100, +0.0001 after 730 days', [f('2021-01-01', -100), f('2023-01-01', '0.0001')], -0.999, '(1e−6)^(1/2) − 1'],
    ['above 1000%: −100, +1200 after a year', [f('2021-01-01', -100), f('2022-01-01', 1200)], 11, '1200/100 − 1'],
    ['a loan: +100, then −110 a year later', [f('2021-01-01', 100), f('2022-01-01', -110)], 0.1, 'NPV is the negated −100/+110 case, same root'],
    ['zero-amount flows in between are ignored', [f('2021-01-01', -100), f('2021-07-01', 0), f('2022-01-01', 110)], 0.1, '110/100 − 1'],
    ['same-day contributions are netted: −60 and −40, then +110', [f('2021-01-01', -60), f('2021-01-01', -40), f('2022-01-01', 110)], 0.1, 'net −100 on day 0'],
    [
      'same-day flows of both signs are netted: −150 and +50, then +110',
      [f('2021-01-01', -150), f('2021-01-01', 50), f('2022-01-01', 110)],
      0.1,
      'net −100 on day 0',
    ],
    ['tiny amounts: −0.01, +0.03 a year later', [f('2021-01-01', '-0.01'), f('2022-01-01', '0.03')], 2, '0.03/0.01 − 1'],
    ['1e12 yuan: −1e12, +1.21e12 after 730 days', [f('2021-01-01', '-1000000000000.00'), f('2023-01-01', '1210000000000.00')], 0.1, '(1.21)^(1/2) − 1'],
    [
      'above 2^53 with fen: −9007199254740993.01, +9907919180215092.31 a year later',
      [f('2021-01-01', '-9007199254740993.01'), f('2022-01-01', '9907919180215092.31')],
      0.1,
      '9007199254740993.01 × 1.1 = 9907919180215092.311, so the ratio is 1.1 − 3.4e−18',
    ],
    [
      '2023-03-01 → 2024-02-29 is 365 days even though it crosses 29 February',
      [f('2023-03-01', -100), f('2024-02-29', 110)],
      0.1,
      '365 days, so exponent 1: 110/100 − 1',
    ],
    [
      'leap year: −100 on 2024-01-01, +110 on 2025-01-01 (366 days)',
      [f('2024-01-01', -100), f('2025-01-01', 110)],
      0.09971358593414124,
      '1.1^(365/366) − 1 = e^(0.997268 × ln 1.1) − 1 = 0.0997135859341412 (mpmath)',
    ],
    [
      '30 years across 8 leap days: −100 on 2000-01-01, +761.23 on 2030-01-01',
      [f('2000-01-01', -100), f('2030-01-01', '761.23')],
      0.0699473592541967,
      '10958 days = 30·365 + 8; (7.6123)^(365/10958) − 1 = 0.0699473592541967 (mpmath)',
    ],
    [
      'same rate as Excel example if all amounts are scaled ×1e8 (rate is scale free)',
      EXCEL_EXAMPLE.map((x) => ({ date: x.date, amount: x.amount.times('1e8') })),
      0.373362535,
      'Excel documentation value',
    ],
  ])('%s', (_label, flows, expected) => {
    expectRate(flows as DatedAmount[], expected as number);
  });

  it('six-day −76% loss: −100 on day 0, +24 on day 6 → (0.24)^(365/6) − 1', () => {
    // (0.24)^(365/6) = e^(60.8333… × ln 0.24) = e^(60.8333… × −1.4271164) = e^(−86.8162) = 1.9778068e−38
    // so r = −1 + 1.98e−38 = −0.99999999999999999999999999999999999998 (mpmath); as a float64 that is −1.
    const r = xirr([f('2021-01-01', -100), f('2021-01-07', 24)]);
    expect(r.reason).toBe('OK');
    expect(r.rate!).toBeCloseTo(-1, 6);
    expect(r.rate!).toBeGreaterThanOrEqual(-1);
  });

  it('one-day doubling: r = 2^365 − 1 = 7.5153362648762663e109 (relative 1e−9)', () => {
    const r = xirr([f('2021-01-01', -100), f('2021-01-02', 200)]);
    expect(r.reason).toBe('OK');
    expect(Math.abs(r.rate! / 7.5153362648762663e109 - 1)).toBeLessThan(1e-9);
  });

  it('a root below the scanned grid (1 + r < e^−700) is −1 in float64: −100, +0.0000001 one day later', () => {
    // r = (1e−9)^365 − 1 = 1e−3285 − 1; no float64 lies between it and −1. NPV tends to the last flow's sign (+)
    // as r → −1 and is negative at the grid's low end, so the root exists below it.
    expect(xirr([f('2021-01-01', -100), f('2021-01-02', '0.0000001')])).toMatchObject({ rate: -1, reason: 'OK' });
  });

  it('a rate beyond float64 is NO_ROOT: −100, +1000 one day later → 10^365 − 1 overflows', () => {
    expect(xirr([f('2021-01-01', -100), f('2021-01-02', 1000)])).toMatchObject({ rate: null, reason: 'NO_ROOT' });
  });

  it('Newton from 0.1 fails far from the root; the bracketing fallback still finds −0.9999', () => {
    // Newton's first step: 0.1 − f/f' = 0.1 − (−99.990909)/(−0.00826446) ≈ −12098, below −1.
    const r = expectRate([f('2021-01-01', -100), f('2022-01-01', '0.01')], -0.9999);
    expect(r.iterations).toBeGreaterThan(1);
  });
});

describe("xirr: how a spreadsheet's XIRR (Newton from a guess) reaches the rate", () => {
  it("Excel's documented example: from Excel's default guess 0.1, as Excel computes it without a guess", () => {
    expect(xirr(EXCEL_EXAMPLE)).toMatchObject({ reason: 'OK', spreadsheet: 'DEFAULT' });
  });
  it('−100, +0.01 a year later: only from the rate itself as the guess (Newton from 0.1 jumps to −12098 at once)', () => {
    // From the guess −0.9999: NPV = −100 + 0.01/(1 − 0.9999) = −100 + 100 = 0, so Newton stays there.
    expect(xirr([f('2021-01-01', -100), f('2022-01-01', '0.01')])).toMatchObject({ spreadsheet: 'GUESS' });
  });
  it('one-day doubling, 2^365 − 1 ≈ 7.5e109: not at all, since beyond 2^16 whether the iteration stops is up to rounding', () => {
    expect(xirr([f('2021-01-01', -100), f('2021-01-02', 200)])).toMatchObject({ reason: 'OK', spreadsheet: 'UNREACHABLE' });
  });
  // Cases LibreOffice 7.4 was run on (a helper's 400 random flows; XIRR cells recalculated by soffice).
  it('−3,769,789.34, +102,197,696.71, −82,891,861.00 (days 0, 6, 18): only from the rate as the guess; LibreOffice then gives −0.995120163287406', () => {
    const r = expectRate([f('2021-01-01', '-3769789.34'), f('2021-01-07', '102197696.71'), f('2021-01-19', '-82891861.00')], -0.995120163287406);
    expect(r.spreadsheet).toBe('GUESS');
  });
  it('a 2,800-day loss near −100% (−0.999334): only from the rate as the guess, as LibreOffice computes it', () => {
    const r = xirr([f('2021-01-01', '-5819200.28'), f('2024-11-25', '-392463696.54'), f('2025-04-14', '23738353.71')]);
    expect(r).toMatchObject({ reason: 'OK', spreadsheet: 'GUESS' });
    expect(r.rate!).toBeCloseTo(-0.999334, 6);
  });
  it('a first day whose flows net to zero: the spreadsheet measures time from it, so no shortcut; only from the rate as the guess', () => {
    // LibreOffice, given the default guess, stopped at 34.4758: its NPV, scaled by (1 + r)^−6.6 from the
    // zero-netting first day, fell under 1e-10 yuan there, at no root. From −0.024760 it lands on the rate.
    const r = xirr([
      f('1995-01-02', '0.07'), f('1995-01-02', '-0.07'),
      f('2001-08-15', '0.85'), f('2001-08-15', '0.21'), f('2001-08-15', '-0.39'), f('2001-08-15', '-0.01'),
      f('2016-06-23', '-0.13'), f('2017-01-19', '-0.32'),
    ]);
    expect(r).toMatchObject({ reason: 'OK', spreadsheet: 'GUESS' });
    expect(r.rate!).toBeCloseTo(-0.02476, 5);
  });
  it('a rate of about 1.6e54 in 24 days: not at all (LibreOffice gives #VALUE! from either guess)', () => {
    expect(xirr([f('2021-01-01', '-8252081.88'), f('2021-01-13', '497046724.84'), f('2021-01-25', '164595678.56')])).toMatchObject({ spreadsheet: 'UNREACHABLE' });
  });
  it('a root at 4,356,438 with another at −0.911858: not at all (LibreOffice, failing from 0.1, scans and shows the other root)', () => {
    const r = xirr([f('2021-01-01', '-4825565.82'), f('2021-04-11', '318044892.72'), f('2022-06-30', '-16333405.18')]);
    expect(r).toMatchObject({ multipleRoots: true, spreadsheet: 'UNREACHABLE' });
    expect(r.rate!).toBeGreaterThan(65536);
  });
  it('six-day −76% loss, 1 + r ≈ 1.98e−38: not at all, since the rate to six places is −1.000000, where XIRR is undefined', () => {
    expect(xirr([f('2021-01-01', -100), f('2021-01-07', 24)])).toMatchObject({ reason: 'OK', spreadsheet: 'UNREACHABLE' });
  });
  it('−100, +250, −156 yearly (roots 0.2 and 0.3): from the default guess, which lands on 0.2', () => {
    expect(xirr([f('2021-01-01', -100), f('2022-01-01', 250), f('2023-01-01', -156)])).toMatchObject({ multipleRoots: true, spreadsheet: 'DEFAULT' });
  });
  it('no rate: null', () => {
    expect(xirr([f('2021-01-01', -100), f('2022-01-01', 50), f('2023-01-01', -100)])).toMatchObject({ rate: null, spreadsheet: null });
  });
});

describe('xirr: several sign changes', () => {
  it('three sign changes with a single real rate: the rate, and the flag warning it may not be unique', () => {
    // −100, +50, −10, +80 a year apart (2021–2024, 365/365/365 days): one root, 0.0861073245, found by
    // plain bisection of Σ a/(1+r)^(days/365) in Python; Descartes allows 1 or 3, so the flag is raised.
    const r = expectRate([f('2021-01-01', -100), f('2022-01-01', 50), f('2023-01-01', -10), f('2024-01-01', 80)], 0.0861073245);
    expect(r.multipleRoots).toBe(true);
  });
  it('−100, +230, −132 yearly: roots 0.1 and 0.2 → multipleRoots, returns 0.1 (where Newton from 0.1 lands, as Excel does)', () => {
    // With v = 1/(1+r): −100 + 230v − 132v² = 0 ⇔ 132v² − 230v + 100 = 0 → v = (230 ± √(52900 − 52800))/264
    // = (230 ± 10)/264 = 10/11 or 5/6 → r = 0.1 or 0.2.
    const r = expectRate([f('2021-01-01', -100), f('2022-01-01', 230), f('2023-01-01', -132)], 0.1);
    expect(r.multipleRoots).toBe(true);
  });
  it('−100, +250, −156 yearly: roots 0.2 and 0.3 → returns 0.2, the root Newton from 0.1 reaches', () => {
    // 156v² − 250v + 100 = 0 → v = (250 ± 10)/312 = 5/6 or 10/13 → r = 0.2 or 0.3 (mpmath polyroots agrees).
    const r = expectRate([f('2021-01-01', -100), f('2022-01-01', 250), f('2023-01-01', -156)], 0.2);
    expect(r.multipleRoots).toBe(true);
  });
  it('a loan with two sign changes: +100, −230, +132 → same roots, 0.1 returned', () => {
    const r = expectRate([f('2021-01-01', 100), f('2022-01-01', -230), f('2023-01-01', 132)], 0.1);
    expect(r.multipleRoots).toBe(true);
  });
  it('three sign changes, roots 0.1, 0.2, 0.3: −100, +360, −431, +171.6 yearly', () => {
    // 100·(1.1v − 1)(1.2v − 1)(1.3v − 1) expands to −100 + 360v − 431v² + 171.6v³, zero at v = 1/1.1, 1/1.2, 1/1.3
    // (1.1+1.2+1.3 = 3.6; 1.1·1.2 + 1.1·1.3 + 1.2·1.3 = 4.31; 1.1·1.2·1.3 = 1.716).
    const r = expectRate([f('2021-01-01', -100), f('2022-01-01', 360), f('2023-01-01', -431), f('2024-01-01', '171.6')], 0.1);
    expect(r.multipleRoots).toBe(true);
  });
  it('a tangent (double) root: −100, +240, −144 yearly = −(10 − 12v)² → 0.2, counted with multiplicity two', () => {
    // −100 + 240v − 144v² = −(12v − 10)², zero only at v = 5/6, r = 0.2; NPV never changes sign.
    const r = expectRate([f('2021-01-01', -100), f('2022-01-01', 240), f('2023-01-01', -144)], 0.2);
    expect(r.multipleRoots).toBe(true);
  });
  it('roots found by an independent scan match: −100, +300 after 1 year, −1 after 30 years has two roots', () => {
    // f(v) = −100 + 300v − v^30: f(0) < 0, f(1) = 199 > 0, f(∞) < 0, so two roots (near r = 2 and r = −0.18).
    const flows = [f('2021-01-01', -100), f('2022-01-01', 300), f('2051-01-01', -1)];
    const crossings = independentRoots(flows, -0.99, 100, 200000);
    expect(crossings).toHaveLength(2);
    const r = xirr(flows);
    expect(r.multipleRoots).toBe(true);
    // Newton from 0.1 reaches one of them; which one is Excel's path, so only membership is asserted.
    expect(crossings.some((c) => Math.abs(c - r.rate!) < 1e-6)).toBe(true);
  });
});

describe('xirr: many flows, checked by an independent method', () => {
  it('36 monthly −1000 from 2020-01-01, +45000 on 2023-01-01 → 0.1500276321 (mpmath) = plain bisection in the test', () => {
    const flows: DatedAmount[] = [];
    for (const y of [2020, 2021, 2022]) for (let m = 1; m <= 12; m++) flows.push(f(`${y}-${String(m).padStart(2, '0')}-01`, -1000));
    flows.push(f('2023-01-01', 45000));
    const byBisection = plainBisection(flows, -0.5, 5);
    expect(byBisection).toBeCloseTo(0.150027632139221, 9);
    expectRate(flows, byBisection);
  });
  it('24 monthly calls and a final value built at 8% per year → 0.08 by construction', () => {
    // Final value F on T = Σ 1000 · 1.08^((T − d_k)/365), computed in 40-digit decimals: then XNPV(0.08) = 0 exactly.
    const T = '2023-06-30';
    const flows: DatedAmount[] = [];
    let F = new Decimal(0);
    for (let k = 0; k < 24; k++) {
      const d = `${2021 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-15`;
      flows.push(f(d, -1000));
      F = F.plus(new Decimal('1.08').pow(new Decimal(daysBetween(d, T)).div(365)).times(1000));
    }
    flows.push({ date: T, amount: F });
    expectRate(flows, 0.08);
  });
  it('520 weekly flows over ten years with one sign change → a rate whose XNPV is zero', () => {
    const flows: DatedAmount[] = [];
    for (let k = 0; k < 520; k++) flows.push(f(addDays('2015-01-05', 7 * k), k < 260 ? '-1000.00' : '1234.56'));
    const r = expectRate(flows, plainBisection(flows, -0.99, 10));
    expect(r.multipleRoots).toBe(false);
  });
  it('any flows with one sign change, on gaps of a day to years (the table and the exponential): the rate plain bisection finds (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 70 }), fc.constantFrom(63, 64, 65), fc.integer({ min: 60, max: 900 })), fc.integer({ min: 1, max: 10_000_000 })), { minLength: 2, maxLength: 300 }),
        fc.integer({ min: 1, max: 299 }),
        (steps, cut) => {
          let day = '2016-01-01';
          const flows = steps.map(([gap, cents], i) => {
            day = addDays(day, gap);
            // contributions first, then distributions: one sign change, so one rate
            return f(day, new Decimal(cents).div(100).times(i < Math.min(cut, steps.length - 1) ? -1 : 1).toFixed(2));
          });
          const r = xirr(flows);
          const [lo, hi] = [-0.9, 50];
          const [a, b] = [npvFloat(flows, lo), npvFloat(flows, hi)];
          // compare where the test's bisection is sure of a bracket; one sign change means one root
          fc.pre(Number.isFinite(a) && Number.isFinite(b) && Math.sign(a) !== Math.sign(b) && a !== 0 && b !== 0);
          const expected = plainBisection(flows, lo, hi);
          expect(r.reason).toBe('OK');
          expect(r.rate).not.toBeNull();
          expect(Math.abs(r.rate! - expected)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(expected)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('xnpv', () => {
  it("Excel's documented XNPV example at 9% → 2086.65 (Excel documentation; mpmath 2086.6476020315)", () => {
    expect(xnpv(0.09, EXCEL_EXAMPLE).toDecimalPlaces(2).toFixed(2)).toBe('2086.65');
  });
  it('is zero at the XIRR rate of the Excel example (to the rate’s float64 precision)', () => {
    const { rate } = xirr(EXCEL_EXAMPLE);
    expect(xnpv(rate!, EXCEL_EXAMPLE).abs().lt('1e-6')).toBe(true);
  });
  it('at rate 0 is the plain sum, and −100/+110 discounts to exactly 0 at 10%', () => {
    expect(xnpv(0, EXCEL_EXAMPLE).toFixed(2)).toBe('3000.00'); // −10000 + 2750 + 4250 + 3250 + 2750
    expect(xnpv(0.1, [f('2021-01-01', -100), f('2022-01-01', 110)]).toFixed(10)).toBe('0.0000000000');
  });
  it('refuses a rate of −100% or below', () => {
    expect(() => xnpv(-1, EXCEL_EXAMPLE)).toThrow(RangeError);
  });
});

describe('netByDate', () => {
  it('nets exactly per day, sorts, and drops days that net to zero', () => {
    const out = netByDate([f('2022-01-01', '0.10'), f('2021-01-01', '-0.30'), f('2022-01-01', '0.20'), f('2021-06-01', 5), f('2021-06-01', -5)]);
    expect(out.map((x) => [x.date, x.amount.toFixed(2)])).toEqual([
      ['2021-01-01', '-0.30'],
      ['2022-01-01', '0.30'],
    ]);
  });
});

// ---- independent helpers: plain float64 code that shares nothing with xirr.ts ----

function npvFloat(flows: DatedAmount[], r: number): number {
  const t0 = Math.min(...flows.map((x) => Date.parse(`${x.date}T00:00:00Z`)));
  return flows.reduce((acc, x) => acc + x.amount.toNumber() / Math.pow(1 + r, (Date.parse(`${x.date}T00:00:00Z`) - t0) / 86_400_000 / 365), 0);
}

/** Textbook bisection on r in [lo, hi], 200 halvings. */
function plainBisection(flows: DatedAmount[], lo: number, hi: number): number {
  let fLo = npvFloat(flows, lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const fMid = npvFloat(flows, mid);
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Every sign change of NPV on a uniform grid of r, each refined by plainBisection. */
function independentRoots(flows: DatedAmount[], lo: number, hi: number, n: number): number[] {
  const roots: number[] = [];
  let prev = npvFloat(flows, lo);
  for (let k = 1; k <= n; k++) {
    const r = lo + ((hi - lo) * k) / n;
    const cur = npvFloat(flows, r);
    if (Math.sign(cur) !== Math.sign(prev)) roots.push(plainBisection(flows, lo + ((hi - lo) * (k - 1)) / n, r));
    prev = cur;
  }
  return roots;
}

describe('xirrFen with a final inflow (the NAV on the as-of date)', () => {
  it('refuses days that do not strictly ascend (its discount factors are built along them)', () => {
    expect(() => xirrFen([10, 5], Float64Array.from([-100, 110]))).toThrow(RangeError);
    expect(() => xirrFen([10, 10], Float64Array.from([-100, 110]))).toThrow(RangeError);
    expect(() => xirrFen([10], Float64Array.from([-100]), { day: 9, fen: 110n })).toThrow(RangeError);
  });
  it('gives what the series with that inflow appended gives: on a new last day, on the last day, float64 or bigint (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 16_000, max: 20_000 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), { minLength: 40, maxLength: 40 }),
        fc.bigInt({ min: 1n, max: 10n ** 17n }),
        fc.boolean(),
        fc.boolean(),
        (rawDays, amounts, nav, onLastDay, asBig) => {
          const days = [...rawDays].sort((a, b) => a - b);
          const big = days.map((_, i) => amounts[i]! / (asBig ? 1n : 100_000n));
          const fen = asBig ? big : Float64Array.from(big, Number);
          const day = onLastDay ? days[days.length - 1]! : days[days.length - 1]! + 30;
          const appended = withFinalFen(days, fen, day, nav);
          expect(xirrFen(days, fen, { day, fen: nav })).toEqual(xirrFen(appended.days, appended.fen));
        },
      ),
      { numRuns: 300 },
    );
  });
});

