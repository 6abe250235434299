import { describe, expect, it } from '@jest/globals';
import { Decimal } from '../money/decimal.js';
import type { SecondaryPurchaseRecord } from '../ledger/records.js';
import { seriesOf } from '../figures/position-series.js';
import { categoryRows, pooledFlows, secondaryPurchaseRows, vintageRows, type ReviewPosition } from './review-tables.js';

const d = (s: string) => new Decimal(s);
const pos = (code: string, category: string, vintage: number, flows: Array<[string, 'CONTRIBUTION' | 'DISTRIBUTION', string]>, navs: Array<[string, string]>, kind: 'SUB_FUND' | 'DIRECT' = 'SUB_FUND'): ReviewPosition => ({
  kind,
  id: code,
  code,
  name: code,
  category,
  status: 'INVESTING',
  vintage,
  fofShare: null,
  data: seriesOf({ commitment: d('1000.00'), flows: flows.map(([date, k, a]) => ({ date, kind: k, amount: d(a) })), valuations: navs.map(([date, nav]) => ({ date, nav: d(nav) })) }, '2024-12-31'),
});

// A: paid 100 (2023), valued 150 at 2024-12-31 → tvpi 1.5. B: paid 300 (2024), valued 150 → tvpi 0.5.
// Pooled SEED: paidIn 400, nav 300 → tvpi 0.75 (an average of 1.5 and 0.5 would say 1.0).
const A = pos('A', 'SEED', 2023, [['2023-06-30', 'CONTRIBUTION', '100.00']], [['2024-12-31', '150.00']]);
const B = pos('B', 'SEED', 2024, [['2024-06-30', 'CONTRIBUTION', '300.00']], [['2024-12-31', '150.00']]);
const C = pos('C', 'SEED', 2024, [['2024-06-30', 'CONTRIBUTION', '50.00'], ['2024-09-30', 'DISTRIBUTION', '10.00']], [], 'DIRECT');

describe('review tables', () => {
  it('pools categories over flows, keeping direct investments apart', () => {
    const rows = categoryRows([A, B, C], '2024-12-31');
    expect(rows.map((r) => r.category)).toEqual(['SEED', 'DIRECT']);
    expect(rows[0]!.figures).toMatchObject({ paidIn: '400.00', nav: '300.00', tvpi: '0.750000', loss: '100.00', lossRatio: '0.250000' });
    expect(rows[0]!.labelZh).toBe('种子基金');
    // C has no valuation: nav is cost, 50 − 10 = 40; tvpi (10 + 40)/50 = 1
    expect(rows[1]!.figures).toMatchObject({ paidIn: '50.00', distributed: '10.00', nav: '40.00', tvpi: '1.000000' });
  });

  it('groups vintages by year', () => {
    const rows = vintageRows([A, B, C], '2024-12-31');
    expect(rows.map((r) => [r.year, r.positions, r.figures.paidIn])).toEqual([
      [2023, 1, '100.00'],
      [2024, 2, '350.00'],
    ]);
  });

  it('nets pooled flows by date and ends with the summed NAV, each row saying which it is', () => {
    expect(pooledFlows([B, C], '2024-12-31')).toEqual([
      { date: '2024-06-30', amount: '-350.00', type: 'FLOW' }, // −300 − 50
      { date: '2024-09-30', amount: '10.00', type: 'FLOW' },
      { date: '2024-12-31', amount: '190.00', type: 'NAV' }, // 150 + (50 − 10)
    ]);
  });

  it('adds no NAV row when the NAV is 0: the last row is a netted flow', () => {
    // Written off at 0 on 2024-12-31 after paying 100 and getting 30 back.
    const W = pos('W', 'SEED', 2024, [['2024-03-31', 'CONTRIBUTION', '100.00'], ['2024-09-30', 'DISTRIBUTION', '30.00']], [['2024-12-31', '0.00']]);
    expect(pooledFlows([W], '2024-12-31')).toEqual([
      { date: '2024-03-31', amount: '-100.00', type: 'FLOW' },
      { date: '2024-09-30', amount: '30.00', type: 'FLOW' },
    ]);
  });

  it('keeps a day whose flows net to zero as a 0.00 row, the first day too: XIRR measures time from the first row', () => {
    // 2024-01-31: paid 100 and got 100 back the same day (nets to 0); 2024-03-31 paid 50; valued 60.
    const Z = pos('Z', 'SEED', 2024, [['2024-01-31', 'CONTRIBUTION', '100.00'], ['2024-01-31', 'DISTRIBUTION', '100.00'], ['2024-03-31', 'CONTRIBUTION', '50.00']], [['2024-12-31', '60.00']]);
    expect(pooledFlows([Z], '2024-12-31')).toEqual([
      { date: '2024-01-31', amount: '0.00', type: 'FLOW' },
      { date: '2024-03-31', amount: '-50.00', type: 'FLOW' },
      { date: '2024-12-31', amount: '60.00', type: 'NAV' },
    ]);
  });

  it('keeps a flow on the as-of date apart from the NAV row of that date', () => {
    // Paid 100, got 20 back on the as-of date, valued 90 that day (after the distribution).
    const E = pos('E', 'SEED', 2024, [['2024-01-31', 'CONTRIBUTION', '100.00'], ['2024-12-31', 'DISTRIBUTION', '20.00']], [['2024-12-31', '90.00']]);
    expect(pooledFlows([E], '2024-12-31')).toEqual([
      { date: '2024-01-31', amount: '-100.00', type: 'FLOW' },
      { date: '2024-12-31', amount: '20.00', type: 'FLOW' },
      { date: '2024-12-31', amount: '90.00', type: 'NAV' },
    ]);
  });

  it('computes an S-fund purchase’s discount to NAV and the unfunded taken on', () => {
    const r = {
      id: 'p', fofId: 'f', recordedAt: new Date(), recordedBy: 'u', reversesId: null, reason: null, buyerSubFundId: 's', targetSubFundId: null,
      fundInterest: 'LP', seller: 'X', purchaseDate: '2024-10-15', commitmentTransferred: '30000000.00', paidInTransferred: '24000000.00',
      unfundedTransferred: '6000000.00', referenceNav: '26000000.00', referenceNavDate: '2024-06-30', price: '22100000.00',
    } satisfies SecondaryPurchaseRecord;
    // 1 − 22,100,000 / 26,000,000 = 1 − 0.85 = 0.15
    const [row] = secondaryPurchaseRows([r], () => 'S基金');
    expect(row).toMatchObject({ discountToNav: '0.150000', unfundedTakenOn: '6000000.00', buyer: 'S基金' });
    expect(secondaryPurchaseRows([{ ...r, referenceNav: '0.00' }], () => '')[0]!.discountToNav).toBeNull();
  });
});
