import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import type { Principal } from '../../libs/domain/ledger/principal.js';
import { FundService } from '../../libs/application/ledger/fund.service.js';
import { LedgerService } from '../../libs/application/ledger/ledger.service.js';

export const EDGE_FOF = 'WH-GIF-EDGE';

/**
 * A FoF of the IRR cases a spreadsheet finds hard (xirr.spec.ts has each with its rate worked out),
 * recorded through the ledger like any other, for the workbook check. Each sub-fund is valued at 0
 * after its last flow, so its IRR is over the flows alone:
 *   near −100%:        −100, +0.01 a year later           → −0.9999, only from itself as XIRR's guess
 *   six-day loss:      −100, +24 six days later           → 1 + r ≈ 2e−38, beyond a spreadsheet: a value
 *   two roots:         −100, +230, −132 a year apart      → 0.1 (and 0.2), from the default guess
 *   above 1000%:       −100, +1200 a year later           → 11
 *   one-day doubling:  −100, +200 a day later             → 2^365 − 1 ≈ 7.5e109, beyond a spreadsheet: a value
 *   three in millions of yuan a helper ran through LibreOffice: a rate of 1.6e54 (#VALUE! there), a root
 *   of 4,356,438 beside one of −0.911858 (which LibreOffice showed), −0.995120 (from itself as the guess)
 * and a direct investment coded like one of them (SF-EDGE-1000, −100 then valued at 150), whose IRR
 * must point at its own block. The demo seed's fund manager records them (the demo must be loaded first).
 */
export async function seedEdgeFof(app: INestApplicationContext, client: pg.ClientBase): Promise<string> {
  const u = (await client.query(`SELECT u.id, u.organization_id FROM users u WHERE u.username = 'manager'`)).rows[0] as { id: string; organization_id: string };
  const m: Principal = { userId: u.id, username: 'manager', organizationId: u.organization_id, organizationKind: 'INVESTMENT_GROUP', role: 'FUND_MANAGER', jurisdiction: 'WUHAN' };
  const funds = app.get(FundService);
  const ledger = app.get(LedgerService);
  const fof = await funds.createFof(m, { code: EDGE_FOF, name: '收益率边界案例母基金', jurisdiction: 'WUHAN' });
  const cases: Array<[string, string, string, Array<[string, 'CONTRIBUTION' | 'DISTRIBUTION', string]>]> = [
    ['SF-EDGE-NEAR100', '接近 −100% 基金', 'VC', [['2021-01-01', 'CONTRIBUTION', '100.00'], ['2022-01-01', 'DISTRIBUTION', '0.01']]],
    ['SF-EDGE-SIXDAY', '六日亏损 76% 基金', 'VC', [['2021-01-01', 'CONTRIBUTION', '100.00'], ['2021-01-07', 'DISTRIBUTION', '24.00']]],
    ['SF-EDGE-TWOROOTS', '两个收益率基金', 'INDUSTRY', [['2021-01-01', 'CONTRIBUTION', '100.00'], ['2022-01-01', 'DISTRIBUTION', '230.00'], ['2023-01-01', 'CONTRIBUTION', '132.00']]],
    ['SF-EDGE-1000', '收益率 1100% 基金', 'INDUSTRY', [['2021-01-01', 'CONTRIBUTION', '100.00'], ['2022-01-01', 'DISTRIBUTION', '1200.00']]],
    ['SF-EDGE-DOUBLING', '一日翻倍基金', 'ANGEL', [['2021-01-01', 'CONTRIBUTION', '100.00'], ['2021-01-02', 'DISTRIBUTION', '200.00']]],
    // Flows in the millions that LibreOffice was seen to get wrong before its iteration was replayed (ADR-0002).
    ['SF-EDGE-HUGE', '24 日收益 1.6e54 基金', 'VC', [['2021-01-01', 'CONTRIBUTION', '8252081.88'], ['2021-01-13', 'DISTRIBUTION', '497046724.84'], ['2021-01-25', 'DISTRIBUTION', '164595678.56']]],
    ['SF-EDGE-OTHERROOT', '另一根 −0.911858 基金', 'VC', [['2021-01-01', 'CONTRIBUTION', '4825565.82'], ['2021-04-11', 'DISTRIBUTION', '318044892.72'], ['2022-06-30', 'CONTRIBUTION', '16333405.18']]],
    ['SF-EDGE-NEAR100M', '接近 −100%（百万级）基金', 'INDUSTRY', [['2021-01-01', 'CONTRIBUTION', '3769789.34'], ['2021-01-07', 'DISTRIBUTION', '102197696.71'], ['2021-01-19', 'CONTRIBUTION', '82891861.00']]],
  ];
  for (const [code, name, category, flows] of cases) {
    const sf = await funds.createSubFund(m, fof.id, { code, name, category, manager: '边界案例管理有限公司', firstClose: '2020-12-01', termEnd: '2030-11-30' });
    await ledger.record(m, 'lp-commitments', fof.id, { subFundId: sf.id, investorName: '收益率边界案例母基金', investorKind: 'FOF', amount: '1000000000.00', commitDate: '2020-12-01' });
    for (const [flowDate, flowType, amount] of flows) {
      await ledger.record(m, 'flows', fof.id, {
        subFundId: sf.id, directInvestmentId: null, flowType, distributionKind: flowType === 'DISTRIBUTION' ? 'GAIN' : null, flowDate, amount,
      });
    }
    await ledger.record(m, 'valuations', fof.id, { subFundId: sf.id, directInvestmentId: null, valuationDate: flows.at(-1)![0], nav: '0.00' });
  }
  // A direct investment coded like a sub-fund (codes are unique only within each kind): its own block.
  const di = await funds.createDirectInvestment(m, fof.id, { code: 'SF-EDGE-1000', projectName: '与子基金同编号的直投项目', stage: 'SEED', isTech: true, decisionDate: '2020-12-01', commitment: '100.00' });
  await ledger.record(m, 'flows', fof.id, { subFundId: null, directInvestmentId: di.id, flowType: 'CONTRIBUTION', distributionKind: null, flowDate: '2021-01-01', amount: '100.00' });
  await ledger.record(m, 'valuations', fof.id, { subFundId: null, directInvestmentId: di.id, valuationDate: '2025-12-31', nav: '150.00' });
  return fof.code;
}
