import type { FigureSet } from '../../domain/figures/position-figures.js';
import type { CashFlowRow, PositionRow, ReviewModel } from '../../domain/review/review-model.js';
import { type PooledFlowSeries, pooledGroupKey } from '../sheets/pooled-flows.sheet.js';

/**
 * A small review by hand, as of 2024-12-31: two sub-funds and one direct investment.
 *
 *   SF-SEED-1  seed fund, commitment 10,000,000.00
 *     2021-03-01 contribution 4,000,000.00   2022-03-01 contribution 2,000,000.00
 *     2023-06-30 distribution 1,000,000.00   NAV on 2024-12-31       6,500,000.00
 *   SF-VC-1    VC fund, commitment 5,000,000.00
 *     2020-01-15 contribution 3,000,000.00   2021-01-15 contribution 2,000,000.00
 *     2023-12-01 distribution   500,000.00   NAV on 2024-12-31       2,000,000.00
 *   DI-001     start-up stage direct investment (its name is a formula-injection attempt),
 *     2022-05-10 contribution 1,000,000.00, written off: NAV 0.00
 *
 * IRRs are Excel XIRR rates (365-day years) rounded to six places; the spec checks each one
 * independently: NPV of the workbook's own cells at that rate is 0.
 */
export const AS_OF = '2024-12-31';
export const INJECTED_NAME = '=HYPERLINK("http://x")';

function figures(f: Omit<FigureSet, 'irrReason' | 'irrMultipleRoots' | 'irrSpreadsheet'> & Partial<FigureSet>): FigureSet {
  return { irrReason: 'OK', irrMultipleRoots: false, irrSpreadsheet: f.irr === null ? null : 'DEFAULT', ...f };
}

export const SEED_FIGURES = figures({
  commitment: '10000000.00',
  paidIn: '6000000.00', // 4,000,000 + 2,000,000
  distributed: '1000000.00',
  nav: '6500000.00',
  unfunded: '4000000.00', // 10,000,000 − 6,000,000
  dpi: '0.166667', // 1,000,000 / 6,000,000 = 0.1666…
  rvpi: '1.083333', // 6,500,000 / 6,000,000 = 1.0833…
  tvpi: '1.250000', // 7,500,000 / 6,000,000
  irr: '0.069904',
  loss: '0.00', // max(0, 6,000,000 − 7,500,000)
  lossRatio: '0.000000',
  valueAdded: '1500000.00', // 7,500,000 − 6,000,000
});

export const VC_FIGURES = figures({
  commitment: '5000000.00',
  paidIn: '5000000.00', // 3,000,000 + 2,000,000
  distributed: '500000.00',
  nav: '2000000.00',
  unfunded: '0.00',
  dpi: '0.100000', // 500,000 / 5,000,000
  rvpi: '0.400000', // 2,000,000 / 5,000,000
  tvpi: '0.500000', // 2,500,000 / 5,000,000
  irr: '-0.147567',
  loss: '2500000.00', // 5,000,000 − 500,000 − 2,000,000
  lossRatio: '0.500000', // 2,500,000 / 5,000,000
  valueAdded: '0.00',
});

export const DIRECT_FIGURES = figures({
  commitment: '1000000.00',
  paidIn: '1000000.00',
  distributed: '0.00',
  nav: '0.00',
  unfunded: '0.00',
  dpi: '0.000000',
  rvpi: '0.000000',
  tvpi: '0.000000',
  irr: null, // one contribution, nothing back: no sign change
  irrReason: 'NO_SIGN_CHANGE',
  loss: '1000000.00',
  lossRatio: '1.000000',
  valueAdded: '0.00',
});

export const PORTFOLIO_FIGURES = figures({
  commitment: '16000000.00', // 10,000,000 + 5,000,000 + 1,000,000
  paidIn: '12000000.00', // 6,000,000 + 5,000,000 + 1,000,000
  distributed: '1500000.00', // 1,000,000 + 500,000
  nav: '8500000.00', // 6,500,000 + 2,000,000 + 0
  unfunded: '4000000.00',
  dpi: '0.125000', // 1,500,000 / 12,000,000
  rvpi: '0.708333', // 8,500,000 / 12,000,000 = 0.7083…
  tvpi: '0.833333', // 10,000,000 / 12,000,000
  irr: '-0.048589',
  loss: '2000000.00', // pooled: 12,000,000 − 10,000,000 (not the 3,500,000 sum of position losses)
  lossRatio: '0.166667', // 2,000,000 / 12,000,000
  valueAdded: '0.00',
});

export const POSITIONS: PositionRow[] = [
  { kind: 'SUB_FUND', id: 'p1', code: 'SF-SEED-1', name: '武汉种子一号', category: 'SEED', status: 'INVESTING', vintage: 2021, fofShare: '0.400000', figures: SEED_FIGURES },
  { kind: 'SUB_FUND', id: 'p2', code: 'SF-VC-1', name: '光谷创投一号', category: 'VC', status: 'EXITING', vintage: 2020, fofShare: '0.250000', figures: VC_FIGURES },
  { kind: 'DIRECT', id: 'p3', code: 'DI-001', name: INJECTED_NAME, category: 'STARTUP', status: 'WRITTEN_OFF', vintage: 2022, fofShare: null, figures: DIRECT_FIGURES },
];

type Flow = [date: string, type: CashFlowRow['type'], amount: string];
const FLOWS: Record<string, Flow[]> = {
  'SF-SEED-1': [
    ['2021-03-01', 'CONTRIBUTION', '-4000000.00'],
    ['2022-03-01', 'CONTRIBUTION', '-2000000.00'],
    ['2023-06-30', 'DISTRIBUTION', '1000000.00'],
    [AS_OF, 'NAV', '6500000.00'],
  ],
  'SF-VC-1': [
    ['2020-01-15', 'CONTRIBUTION', '-3000000.00'],
    ['2021-01-15', 'CONTRIBUTION', '-2000000.00'],
    ['2023-12-01', 'DISTRIBUTION', '500000.00'],
    [AS_OF, 'NAV', '2000000.00'],
  ],
  'DI-001': [
    ['2022-05-10', 'CONTRIBUTION', '-1000000.00'],
    [AS_OF, 'NAV', '0.00'],
  ],
};

/** Cash flows grouped by position, in model.positions order: rows 2–5, 6–9, 10–11 of 现金流1. */
export function cashFlows(): CashFlowRow[] {
  return POSITIONS.flatMap((p) =>
    FLOWS[p.code]!.map(([date, type, amount]) => ({ positionId: p.id, positionCode: p.code, positionName: p.name, category: p.category, date, type, amount })),
  );
}

export function flowCounts(): Map<string, number> {
  return new Map(POSITIONS.map((p) => [p.id, FLOWS[p.code]!.length]));
}

/** The portfolio's flows netted by date, then the pooled NAV: rows 2–9 of 汇总现金流. */
export function pooledFlows(): PooledFlowSeries[] {
  const one = (code: string) => FLOWS[code]!.map(([date, type, amount]) => ({ date, amount, type: type === 'NAV' ? ('NAV' as const) : ('FLOW' as const) }));
  return [
    {
      group: pooledGroupKey.portfolio(),
      rows: [
        { date: '2020-01-15', amount: '-3000000.00', type: 'FLOW' },
        { date: '2021-01-15', amount: '-2000000.00', type: 'FLOW' },
        { date: '2021-03-01', amount: '-4000000.00', type: 'FLOW' },
        { date: '2022-03-01', amount: '-2000000.00', type: 'FLOW' },
        { date: '2022-05-10', amount: '-1000000.00', type: 'FLOW' },
        { date: '2023-06-30', amount: '1000000.00', type: 'FLOW' },
        { date: '2023-12-01', amount: '500000.00', type: 'FLOW' },
        { date: AS_OF, amount: '8500000.00', type: 'NAV' }, // 6,500,000 + 2,000,000 + 0
      ],
    },
    { group: pooledGroupKey.category('SEED'), rows: one('SF-SEED-1') },
    { group: pooledGroupKey.category('VC'), rows: one('SF-VC-1') },
    { group: pooledGroupKey.category('DIRECT'), rows: one('DI-001') },
    { group: pooledGroupKey.vintage(2020), rows: one('SF-VC-1') },
    { group: pooledGroupKey.vintage(2021), rows: one('SF-SEED-1') },
    { group: pooledGroupKey.vintage(2022), rows: one('DI-001') },
  ];
}

export function reviewModel(): ReviewModel {
  return {
    fof: { id: 'fof-1', code: 'WH-FOF', name: '武汉市政府投资基金', jurisdiction: 'wuhan' },
    asOf: AS_OF,
    knownAt: null,
    generatedAt: '2025-01-05T08:30:00.000Z',
    generatedBy: 'reviewer@finance.wuhan',
    policyPack: { id: 'wuhan-2025', instrument: '武政办〔2025〕67号', title: '武汉市加快发展新质生产力行动方案', revision: 1 },
    portfolio: PORTFOLIO_FIGURES,
    categories: [
      { category: 'SEED', labelZh: '种子基金', labelEn: 'Seed fund', positions: 1, figures: SEED_FIGURES },
      { category: 'VC', labelZh: '创业投资基金', labelEn: 'Venture capital fund', positions: 1, figures: VC_FIGURES },
      { category: 'DIRECT', labelZh: '直接投资', labelEn: 'Direct investments', positions: 1, figures: DIRECT_FIGURES },
    ],
    vintages: [
      { year: 2020, positions: 1, figures: VC_FIGURES },
      { year: 2021, positions: 1, figures: SEED_FIGURES },
      { year: 2022, positions: 1, figures: DIRECT_FIGURES },
    ],
    positions: POSITIONS,
    annualAllocation: [
      // 2020: only the VC commitment, no early stage: 0 / 5,000,000 = 0 < 20%
      { year: 2020, basis: 'COMMITMENTS', newInvestment: '5000000.00', earlyStage: '0.00', earlyStageShare: '0.000000', target: '0.200000', status: 'FAIL' },
      // 2021: the seed commitment: 10,000,000 / 10,000,000
      { year: 2021, basis: 'COMMITMENTS', newInvestment: '10000000.00', earlyStage: '10000000.00', earlyStageShare: '1.000000', target: '0.200000', status: 'PASS' },
    ],
    handoffs: [
      // 150,000 / 2,000,000 = 7.5% ≤ 10%
      { year: 2023, subFundId: 'p2', subFundCode: 'SF-VC-1', newInvestment: '2000000.00', handoffAmount: '150000.00', share: '0.075000', cap: '0.100000', status: 'PASS' },
    ],
    secondaryPurchases: [
      // discount = 1 − 1,360,000 / 1,600,000 = 1 − 0.85 = 0.15
      {
        id: 's1', purchaseDate: '2024-03-15', buyer: 'WH-FOF', fundInterest: '光谷创投一号 LP 份额', seller: '-某银行理财子公司',
        commitmentTransferred: '2000000.00', paidInTransferred: '1500000.00', unfundedTransferred: '500000.00',
        referenceNav: '1600000.00', referenceNavDate: '2023-12-31', price: '1360000.00', discountToNav: '0.150000', unfundedTakenOn: '500000.00',
      },
    ],
    checks: [
      {
        ruleId: 'loss-tolerance-seed-fund', clause: '§二(一)5', packId: 'wuhan-2025', subject: { type: 'SUB_FUND', id: 'p1', label: 'SF-SEED-1 武汉种子一号' },
        status: 'PASS', threshold: '0.800000', actual: '0.000000', headroom: '0.800000', unit: 'ratio',
        explanation: { zh: '亏损率 0.00% 未超过容亏上限 80.00%', en: 'Loss ratio 0.00% is within the 80.00% tolerance' },
      },
      {
        ruleId: 'early-stage-allocation-min', clause: '§二(一)1', packId: 'wuhan-2025', subject: { type: 'FOF', id: 'fof-1', label: 'WH-FOF', period: '2020' },
        status: 'FAIL', threshold: '0.200000', actual: '0.000000', headroom: '-1000000.00', unit: 'ratio', headroomUnit: 'yuan',
        explanation: { zh: '2020 年早期投资占比 0.00% 低于下限 20.00%', en: '2020 early-stage share 0.00% is below the 20.00% minimum' },
      },
    ],
    exemptions: [
      { caseId: 'EX-2024-01', subjectType: 'DIRECT_INVESTMENT', subjectId: 'p3', subjectLabel: 'DI-001', loss: '1000000.00', lossRatio: '1.000000', tolerance: '1.000000', status: 'OPEN', conclusion: null, decidedOn: null },
    ],
    lossesBeyondTolerance: { exempt: [], notExempt: [], pending: [] },
  };
}
