import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { Decimal } from '../money/decimal.js';
import { type PositionData, type PositionFlow, poolFigures, positionFigures, rolledForwardNav } from './position-figures.js';

/**
 * Expected strings are worked out by hand in the comments (money to the fen, ratios half-up
 * to six places). IRRs are closed forms where possible; otherwise mpmath (Python, 40 digits,
 * findroot on Σ cf/(1+r)^(days/365) = 0) as noted. 2021-01-01 → 2022-01-01 → 2023-01-01 are
 * 365 days each.
 */
const D = (v: string | number) => new Decimal(v);
const call = (date: string, amount: string | number): PositionFlow => ({ date, kind: 'CONTRIBUTION', amount: D(amount) });
const dist = (date: string, amount: string | number): PositionFlow => ({ date, kind: 'DISTRIBUTION', amount: D(amount) });
const val = (date: string, nav: string | number) => ({ date, nav: D(nav) });

describe('positionFigures', () => {
  it('a plain position: 500 called, 50 distributed, valued at 500 a year later', () => {
    // IRR: −500 on 2021-01-01; +50 and NAV +500 on 2022-01-01 → +550 after 365 days → 550/500 − 1 = 0.1.
    const out = positionFigures({
      commitment: D('1000.00'),
      flows: [call('2021-01-01', '500.00'), dist('2022-01-01', '50.00')],
      valuations: [val('2022-01-01', '500.00')],
      asOf: '2022-01-01',
    });
    expect(out).toEqual({
      commitment: '1000.00',
      paidIn: '500.00',
      distributed: '50.00',
      nav: '500.00',
      unfunded: '500.00', // 1000 − 500
      dpi: '0.100000', // 50/500
      rvpi: '1.000000', // 500/500
      tvpi: '1.100000', // 550/500
      irr: '0.100000',
      irrReason: 'OK',
      irrMultipleRoots: false,
      irrSpreadsheet: 'DEFAULT', // Newton from 0.1 reaches a plain rate in a few steps
      loss: '0.00', // max(0, 500 − 50 − 500)
      lossRatio: '0.000000',
      valueAdded: '50.00', // 50 + 500 − 500
    });
  });

  it('rolls the latest valuation forward by the flows after it, up to asOf', () => {
    // Valuation 2021-12-31: 660. The 50 called on 2021-12-31 is inside that valuation (not added).
    // nav = 660 + 200 (called 2022-03-01) − 100 (distributed 2022-06-30) = 760.
    // Ignored: the 2023 valuation and the 2023 call (after asOf), the older 2021-06-30 valuation.
    // paidIn = 600 + 50 + 200 = 850; dpi 100/850 = 0.1176470588 → 0.117647; rvpi 760/850 = 0.8941176470 → 0.894118;
    // tvpi 860/850 = 1.0117647058 → 1.011765; valueAdded 860 − 850 = 10.
    // IRR over −600 (2021-01-01), −50 (2021-12-31), −200 (2022-03-01), +100 (2022-06-30), +760 (2022-12-31):
    // mpmath 0.0073023466419934 → 0.007302.
    const out = positionFigures({
      commitment: D('1000.00'),
      flows: [call('2021-01-01', 600), call('2021-12-31', 50), call('2022-03-01', 200), dist('2022-06-30', 100), call('2023-02-01', 999)],
      valuations: [val('2021-06-30', 610), val('2021-12-31', 660), val('2023-03-31', 9999)],
      asOf: '2022-12-31',
    });
    expect(out).toMatchObject({
      paidIn: '850.00',
      distributed: '100.00',
      nav: '760.00',
      unfunded: '150.00',
      dpi: '0.117647',
      rvpi: '0.894118',
      tvpi: '1.011765',
      irr: '0.007302',
      irrReason: 'OK',
      loss: '0.00',
      valueAdded: '10.00',
    });
  });

  it('on several valuations on the same date, the last one given wins', () => {
    const p: PositionData = { commitment: D(100), flows: [call('2021-01-01', 100)], valuations: [val('2021-12-31', 90), val('2021-12-31', 95)] };
    expect(rolledForwardNav(p, '2022-01-01').toFixed(2)).toBe('95.00');
  });

  it('without any valuation, nav is cost: paid-in − distributed, and the IRR is then exactly 0', () => {
    // nav = 300 + 200 − 100 = 400; tvpi = (100 + 400)/500 = 1; IRR flows −300, −200, +100, +400 sum to 0,
    // so NPV(0) = 0, and with one sign change that root is the only one.
    const out = positionFigures({
      commitment: D(800),
      flows: [call('2021-01-01', 300), call('2021-07-01', 200), dist('2022-03-01', 100)],
      valuations: [],
      asOf: '2022-12-31',
    });
    expect(out).toMatchObject({ paidIn: '500.00', distributed: '100.00', nav: '400.00', dpi: '0.200000', rvpi: '0.800000', tvpi: '1.000000' });
    expect(out).toMatchObject({ irr: '0.000000', irrReason: 'OK', loss: '0.00', lossRatio: '0.000000', valueAdded: '0.00' });
  });

  it('asOf before any flow: zeros, ratios null, irr null with NO_FLOWS', () => {
    const out = positionFigures({
      commitment: D('1000.00'),
      flows: [call('2021-01-01', 500)],
      valuations: [val('2021-12-31', 520)],
      asOf: '2020-12-31',
    });
    expect(out).toEqual({
      commitment: '1000.00',
      paidIn: '0.00',
      distributed: '0.00',
      nav: '0.00',
      unfunded: '1000.00',
      dpi: null,
      rvpi: null,
      tvpi: null,
      irr: null,
      irrReason: 'NO_FLOWS',
      irrMultipleRoots: false,
      irrSpreadsheet: null,
      loss: '0.00',
      lossRatio: null,
      valueAdded: '0.00',
    });
  });

  it('a written-off position (valued at 0): loss = paid-in, lossRatio 1, irr null (no inflow at all)', () => {
    // Flows −100 only; NAV 0 is no inflow → NO_SIGN_CHANGE. loss = max(0, 100 − 0 − 0) = 100.
    const out = positionFigures({ commitment: D(100), flows: [call('2021-01-01', 100)], valuations: [val('2022-06-30', 0)], asOf: '2022-12-31' });
    expect(out).toMatchObject({ paidIn: '100.00', nav: '0.00', dpi: '0.000000', rvpi: '0.000000', tvpi: '0.000000' });
    expect(out).toMatchObject({ loss: '100.00', lossRatio: '1.000000', valueAdded: '0.00', irr: null, irrReason: 'NO_SIGN_CHANGE' });
  });

  it('a partial loss, with the rolled-forward nav floored at 0', () => {
    // Valuation 2021-12-31: 100; distribution of 150 after it would take nav to −50 → floored at 0.
    // loss = max(0, 1000 − 150 − 0) = 850; lossRatio 850/1000 = 0.85.
    // IRR: −1000 on 2021-01-01, +150 on 2022-01-01 (365 days) → 150/1000 − 1 = −0.85.
    const out = positionFigures({
      commitment: D(1000),
      flows: [call('2021-01-01', 1000), dist('2022-01-01', 150)],
      valuations: [val('2021-12-31', 100)],
      asOf: '2022-12-31',
    });
    expect(out).toMatchObject({ nav: '0.00', loss: '850.00', lossRatio: '0.850000', tvpi: '0.150000', irr: '-0.850000' });
  });

  it('a gain: valueAdded = distributed + nav − paid-in, IRR by the quadratic formula', () => {
    // −1000 (2021-01-01), +300 (2022-01-01), NAV +1000 (2023-01-01). With v = 1/(1+r):
    // 1000v² + 300v − 1000 = 0 → v = (−300 + √4090000)/2000 = (−300 + 2022.3748416)/2000 = 0.8611874208
    // r = 1/v − 1 = 0.1611874208 → 0.161187. valueAdded = 300 + 1000 − 1000 = 300; tvpi 1300/1000 = 1.3.
    const out = positionFigures({
      commitment: D(1000),
      flows: [call('2021-01-01', 1000), dist('2022-01-01', 300)],
      valuations: [val('2023-01-01', 1000)],
      asOf: '2023-01-01',
    });
    expect(out).toMatchObject({ valueAdded: '300.00', loss: '0.00', lossRatio: '0.000000', tvpi: '1.300000', dpi: '0.300000', irr: '0.161187' });
  });

  it('an over-call keeps the sign: unfunded = 1000 − 1100 = −100.00', () => {
    const out = positionFigures({ commitment: D(1000), flows: [call('2021-01-01', 800), call('2021-06-01', 300)], valuations: [], asOf: '2021-12-31' });
    expect(out).toMatchObject({ paidIn: '1100.00', unfunded: '-100.00', nav: '1100.00' });
  });

  it('keeps every fen above 2^53 (9007199254740992)', () => {
    // paidIn = 9007199254740993.01 + 0.02 = 9007199254740993.03
    // nav (cost) = 9007199254740993.03 − 1000000000000000.05 = 8007199254740992.98
    // unfunded = 20000000000000000.00 − 9007199254740993.03 = 10992800745259006.97
    const out = positionFigures({
      commitment: D('20000000000000000.00'),
      flows: [call('2021-01-01', '9007199254740993.01'), call('2021-01-02', '0.02'), dist('2021-06-30', '1000000000000000.05')],
      valuations: [],
      asOf: '2021-12-31',
    });
    expect(out).toMatchObject({
      commitment: '20000000000000000.00',
      paidIn: '9007199254740993.03',
      distributed: '1000000000000000.05',
      nav: '8007199254740992.98',
      unfunded: '10992800745259006.97',
      tvpi: '1.000000',
      irr: '0.000000', // cost basis: the flows sum to 0 (see the no-valuation case)
    });
  });

  it('rejects a negative amount, an unknown kind and a bad date with VALIDATION naming the field', () => {
    const base = { commitment: D(100), valuations: [], asOf: '2021-12-31' };
    const bad = [
      { ...base, flows: [call('2021-01-01', -5)] },
      { ...base, flows: [{ date: '2021-01-01', kind: 'FEE', amount: D(1) } as unknown as PositionFlow] },
      { ...base, flows: [call('2021-02-30', 5)] },
      { ...base, flows: [], asOf: '31/12/2021' },
    ];
    for (const input of bad) {
      expect(() => positionFigures(input)).toThrow(DomainError);
    }
    let caught: unknown;
    try {
      positionFigures(bad[0]!);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('VALIDATION');
    expect((caught as DomainError).message).toContain('position.flows[0].amount');
  });
});

describe('poolFigures', () => {
  // A: 100 called, worth 300 (tvpi 3.0, IRR 2.0); B: 900 called, worth 600 (tvpi 0.666667, IRR −0.333333).
  const A: PositionData = { commitment: D(200), flows: [call('2021-01-01', 100)], valuations: [val('2022-01-01', 300)] };
  const B: PositionData = { commitment: D(1000), flows: [call('2021-01-01', 900)], valuations: [val('2022-01-01', 600)] };

  it('pools the flows: tvpi 0.9 and a loss of 100, where averaging would claim tvpi 1.833333 and a gain', () => {
    // Pooled: paidIn 100 + 900 = 1000; nav 300 + 600 = 900; tvpi 900/1000 = 0.9; loss = max(0, 1000 − 900) = 100;
    // IRR: −1000 on 2021-01-01, +900 on 2022-01-01 → 900/1000 − 1 = −0.1. Unfunded (200 + 1000) − 1000 = 200.
    // The average of the positions' tvpi would be (3 + 0.666667)/2 = 1.833333, of their IRRs (2 − 0.333333)/2 = 0.833333.
    const out = poolFigures([A, B], '2022-01-01');
    expect(out).toEqual({
      commitment: '1200.00',
      paidIn: '1000.00',
      distributed: '0.00',
      nav: '900.00',
      unfunded: '200.00',
      dpi: '0.000000',
      rvpi: '0.900000',
      tvpi: '0.900000',
      irr: '-0.100000',
      irrReason: 'OK',
      irrMultipleRoots: false,
      irrSpreadsheet: 'DEFAULT', // Newton from 0.1 reaches a plain rate in a few steps
      loss: '100.00',
      lossRatio: '0.100000',
      valueAdded: '0.00',
    });
    expect(positionFigures({ ...A, asOf: '2022-01-01' }).tvpi).toBe('3.000000');
    expect(positionFigures({ ...B, asOf: '2022-01-01' }).tvpi).toBe('0.666667');
  });

  it('sums each position’s own rolled-forward nav and solves the IRR over the union of flows', () => {
    // A: valuation 500 on 2021-12-31 + 100 called 2022-06-30 → nav 600. B: no valuation, cost 300 − 330 → floored at 0.
    // Pooled: paidIn 400 + 100 + 300 = 800; distributed 330; nav 600; tvpi 930/800 = 1.1625; dpi 330/800 = 0.4125;
    // rvpi 600/800 = 0.75; valueAdded 930 − 800 = 130.
    // IRR over −400 (2021-01-01), −300 (2022-01-01), −100 (2022-06-30), +330 + 600 (2022-12-31): mpmath 0.1091845089 → 0.109185.
    const a: PositionData = { commitment: D(500), flows: [call('2021-01-01', 400), call('2022-06-30', 100)], valuations: [val('2021-12-31', 500)] };
    const b: PositionData = { commitment: D(300), flows: [call('2022-01-01', 300), dist('2022-12-31', 330)], valuations: [] };
    expect(poolFigures([a, b], '2022-12-31')).toMatchObject({
      commitment: '800.00',
      paidIn: '800.00',
      distributed: '330.00',
      nav: '600.00',
      unfunded: '0.00',
      dpi: '0.412500',
      rvpi: '0.750000',
      tvpi: '1.162500',
      irr: '0.109185',
      valueAdded: '130.00',
    });
    // A alone (mpmath 0.1120307834) differs from the pool: the pool is not a relabelled position.
    expect(positionFigures({ ...a, asOf: '2022-12-31' }).irr).toBe('0.112031');
  });

  it('an empty pool has zero money, null ratios and NO_FLOWS', () => {
    expect(poolFigures([], '2022-12-31')).toMatchObject({ commitment: '0.00', paidIn: '0.00', tvpi: null, irr: null, irrReason: 'NO_FLOWS' });
  });

  it('refuses a position whose own asOf differs from the pool’s', () => {
    expect(() => poolFigures([{ ...A, asOf: '2021-06-30' }], '2022-01-01')).toThrow(DomainError);
    expect(poolFigures([{ ...A, asOf: '2022-01-01' }], '2022-01-01').tvpi).toBe('3.000000');
  });
});
