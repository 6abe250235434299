import type { Principal } from '../../domain/ledger/principal.js';
import type { LedgerInput } from '../../domain/ledger/records.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { OrganizationRepository } from '../../persistence/repositories/organization.repository.js';
import type { AdminService } from '../admin/admin.service.js';
import type { FundService } from '../ledger/fund.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { ExemptionService } from '../exemption/exemption.service.js';

export const DEMO_USERS = [
  { username: 'manager', password: 'demo-manager-2025', role: 'FUND_MANAGER', displayName: '王经理（武汉金控集团）', org: 'WH-JK' },
  { username: 'reviewer', password: 'demo-reviewer-2025', role: 'REVIEWER', displayName: '李审核（武汉市财政局）', org: 'WH-CZJ' },
  { username: 'admin', password: 'demo-admin-2025', role: 'ADMIN', displayName: '系统管理员', org: 'PLATFORM' },
] as const;

interface DemoFund {
  code: string;
  name: string;
  category: string;
  manager: string;
  firstClose: string;
  termEnd: string;
  /** the FoF's commitment, then the other LPs */
  fof: string;
  others: Array<[string, string, string]>;
  calls: Array<[string, string]>;
  dists?: Array<[string, string, string]>;
  navs: Array<[string, string]>;
  caps?: { seedProjectCap?: string; startupProjectCap?: string };
}

const FOF_NAME = '武汉市政府投资基金（演示）';

/** Three years (2023-2025) of a Wuhan FoF: every sub-fund category, a write-off, a hand-off, an S-fund purchase, an M&A fund with a listed-company partner. */
const FUNDS: DemoFund[] = [
  {
    code: 'SF-SEED-01', name: '武汉光谷种子基金', category: 'SEED', manager: '光谷种子创投管理有限公司', firstClose: '2023-03-15', termEnd: '2033-03-14',
    fof: '50000000.00', others: [['湖北省科技投资集团', 'SOE', '30000000.00'], ['某民营创投', 'PRIVATE', '20000000.00']],
    calls: [['2023-03-31', '15000000.00'], ['2024-03-31', '15000000.00'], ['2025-03-31', '10000000.00']],
    navs: [['2023-12-31', '13500000.00'], ['2024-12-31', '22000000.00'], ['2025-12-31', '15000000.00']],
    caps: { seedProjectCap: '10000000.00', startupProjectCap: '15000000.00' },
  },
  {
    code: 'SF-ANGEL-01', name: '武汉天使投资基金', category: 'ANGEL', manager: '江城天使投资管理有限公司', firstClose: '2023-05-10', termEnd: '2035-05-09',
    fof: '60000000.00', others: [['某保险资管', 'INSURER', '40000000.00'], ['某银行理财子公司', 'BANK_WMP', '20000000.00']],
    calls: [['2023-06-30', '20000000.00'], ['2024-06-30', '20000000.00']],
    dists: [['2025-09-30', '3000000.00', 'RETURN_OF_CAPITAL']],
    navs: [['2023-12-31', '19500000.00'], ['2024-12-31', '36000000.00'], ['2025-12-31', '30500000.00']],
    caps: { startupProjectCap: '15000000.00' },
  },
  {
    code: 'SF-VC-01', name: '长江创业投资基金', category: 'VC', manager: '长江创投管理有限公司', firstClose: '2023-01-20', termEnd: '2033-01-19',
    fof: '100000000.00', others: [['某金融资产投资公司', 'AIC', '150000000.00'], ['某民营集团', 'PRIVATE', '50000000.00']],
    calls: [['2023-02-28', '30000000.00'], ['2024-02-29', '30000000.00'], ['2025-02-28', '20000000.00']],
    dists: [['2025-12-15', '12000000.00', 'GAIN']],
    navs: [['2023-12-31', '31000000.00'], ['2024-12-31', '66000000.00'], ['2025-12-31', '84000000.00']],
  },
  {
    code: 'SF-IND-01', name: '武汉光电子信息产业基金', category: 'INDUSTRY', manager: '光电产业基金管理有限公司', firstClose: '2023-04-01', termEnd: '2033-03-31',
    fof: '200000000.00', others: [['链主企业某光电', 'CHAIN_LEADER', '300000000.00'], ['某国有资本', 'SOE', '300000000.00']],
    calls: [['2023-04-30', '60000000.00'], ['2024-04-30', '60000000.00'], ['2025-04-30', '40000000.00']],
    dists: [['2024-12-20', '8000000.00', 'INCOME'], ['2025-12-20', '30000000.00', 'GAIN']],
    navs: [['2023-12-31', '61000000.00'], ['2024-12-31', '128000000.00'], ['2025-12-31', '168000000.00']],
  },
  {
    code: 'SF-MA-01', name: '武汉产业并购基金', category: 'MA', manager: '江汉并购投资管理有限公司', firstClose: '2024-01-15', termEnd: '2031-01-14',
    fof: '150000000.00', others: [['某上市公司', 'LISTED_COMPANY', '150000000.00'], ['某保险资管', 'INSURER', '100000000.00']],
    calls: [['2024-02-15', '50000000.00'], ['2025-02-15', '50000000.00']],
    navs: [['2024-12-31', '51000000.00'], ['2025-12-31', '103000000.00']],
  },
  {
    code: 'SF-S-01', name: '武汉S基金', category: 'S_FUND', manager: '汉江份额投资管理有限公司', firstClose: '2024-03-01', termEnd: '2032-02-29',
    fof: '80000000.00', others: [['某金融资产投资公司', 'AIC', '120000000.00']],
    calls: [['2024-03-31', '40000000.00'], ['2025-03-31', '20000000.00']],
    dists: [['2025-11-30', '6000000.00', 'RETURN_OF_CAPITAL']],
    navs: [['2024-12-31', '43000000.00'], ['2025-12-31', '61000000.00']],
  },
  {
    code: 'SF-POC-01', name: '武汉概念验证基金', category: 'CONCEPT_PROOF', manager: '武汉高校成果转化服务有限公司', firstClose: '2024-06-01', termEnd: '2034-05-31',
    fof: '20000000.00', others: [['某高校资产公司', 'SOE', '10000000.00']],
    calls: [['2024-06-30', '8000000.00'], ['2025-06-30', '6000000.00']],
    navs: [['2024-12-31', '7600000.00'], ['2025-12-31', '12500000.00']],
  },
  {
    code: 'SF-PILOT-01', name: '武汉中试基金', category: 'PILOT', manager: '中试平台投资管理有限公司', firstClose: '2024-09-01', termEnd: '2034-08-31',
    fof: '30000000.00', others: [['链主企业某装备', 'CHAIN_LEADER', '30000000.00']],
    calls: [['2024-09-30', '10000000.00'], ['2025-09-30', '10000000.00']],
    navs: [['2024-12-31', '9800000.00'], ['2025-12-31', '20500000.00']],
  },
  {
    code: 'SF-TT-01', name: '武汉科技成果转化基金', category: 'TECH_TRANSFER', manager: '东湖科转投资管理有限公司', firstClose: '2023-09-01', termEnd: '2038-08-31',
    fof: '40000000.00', others: [['某民营创投', 'PRIVATE', '40000000.00']],
    calls: [['2023-09-30', '12000000.00'], ['2024-09-30', '12000000.00'], ['2025-09-30', '8000000.00']],
    navs: [['2023-12-31', '11800000.00'], ['2024-12-31', '25000000.00'], ['2025-12-31', '33600000.00']],
  },
];

/**
 * Loads the demo: organizations, one user per role, and a Wuhan FoF with every kind of ledger entry.
 * Idempotent at the level that matters: it runs only on a database with no users (the caller checks).
 */
export class DemoSeed {
  constructor(
    private readonly tx: TransactionContext,
    private readonly orgs: OrganizationRepository,
    private readonly admin: AdminService,
    private readonly funds: FundService,
    private readonly ledger: LedgerService,
    private readonly exemptions: ExemptionService,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.orgs.countUsers()) === 0;
  }

  async run(): Promise<{ fofId: string; fofCode: string }> {
    return this.tx.run(async () => {
      const jk = await this.admin.createOrganization(null, { code: 'WH-JK', name: '武汉金控集团', kind: 'INVESTMENT_GROUP', jurisdiction: 'WUHAN' });
      const czj = await this.admin.createOrganization(null, { code: 'WH-CZJ', name: '武汉市财政局', kind: 'FINANCE_BUREAU', jurisdiction: 'WUHAN' });
      const plat = await this.admin.createOrganization(null, { code: 'PLATFORM', name: '平台运营', kind: 'PLATFORM', jurisdiction: 'WUHAN' });
      const orgIds: Record<string, string> = { 'WH-JK': jk.id, 'WH-CZJ': czj.id, PLATFORM: plat.id };
      const users: Record<string, string> = {};
      for (const u of DEMO_USERS) {
        const created = await this.admin.createUser(null, { organizationId: orgIds[u.org]!, username: u.username, displayName: u.displayName, role: u.role, password: u.password });
        users[u.username] = created.id;
      }
      const m: Principal = {
        userId: users.manager!, username: 'manager', organizationId: jk.id, organizationKind: 'INVESTMENT_GROUP', role: 'FUND_MANAGER', jurisdiction: 'WUHAN',
      };
      const fof = await this.funds.createFof(m, { code: 'WH-GIF-DEMO', name: FOF_NAME, jurisdiction: 'WUHAN' });
      const ids: Record<string, string> = {};
      for (const f of FUNDS) {
        const sf = await this.funds.createSubFund(m, fof.id, { code: f.code, name: f.name, category: f.category, manager: f.manager, firstClose: f.firstClose, termEnd: f.termEnd, ...f.caps });
        ids[f.code] = sf.id;
        const commit = (investorName: string, investorKind: string, amount: string) =>
          this.ledger.record(m, 'lp-commitments', fof.id, { subFundId: sf.id, investorName, investorKind, amount, commitDate: f.firstClose });
        await commit(FOF_NAME, 'FOF', f.fof);
        for (const [n, k, a] of f.others) await commit(n, k, a);
        for (const [d, a] of f.calls) await this.flow(m, fof.id, { subFundId: sf.id, flowType: 'CONTRIBUTION', flowDate: d, amount: a });
        for (const [d, a, k] of f.dists ?? []) await this.flow(m, fof.id, { subFundId: sf.id, flowType: 'DISTRIBUTION', distributionKind: k, flowDate: d, amount: a });
        for (const [d, nav] of f.navs) await this.ledger.record(m, 'valuations', fof.id, { subFundId: sf.id, directInvestmentId: null, valuationDate: d, nav });
      }
      // A correction: a mistyped call on the VC fund, reversed with its reason.
      const wrong = await this.flow(m, fof.id, { subFundId: ids['SF-VC-01']!, flowType: 'CONTRIBUTION', flowDate: '2024-02-29', amount: '3000000.00' });
      await this.ledger.reverse(m, 'flows', fof.id, wrong.id, '重复录入：与 2024-02-29 缴款重复，冲销');
      // A term extension (dated amendment) on the seed fund.
      await this.ledger.record(m, 'amendments', fof.id, {
        subFundId: ids['SF-SEED-01']!, directInvestmentId: null, kind: 'TERM_EXTENSION', effectiveDate: '2025-06-30', newTermEnd: '2035-03-14', newStatus: null, documentNo: '武金控〔2025〕31号',
      });
      // Projects of the seed, angel and VC funds; the VC fund takes over (承接) a project the seed fund exits.
      const pi = (subFundId: string, projectName: string, stage: string, investmentDate: string, amount: string, handoff?: { from: string; project: string }) =>
        this.ledger.record(m, 'project-investments', fof.id, {
          subFundId, projectName, stage, investmentDate, amount, isHandoff: !!handoff, handoffSourceSubFundId: handoff?.from ?? null, handoffSourceProject: handoff?.project ?? null,
        });
      const seedProj = await pi(ids['SF-SEED-01']!, '光谷量子传感', 'SEED', '2023-06-15', '6000000.00');
      await pi(ids['SF-SEED-01']!, '东湖合成生物', 'SEED', '2024-04-10', '8000000.00');
      await pi(ids['SF-ANGEL-01']!, '江城智能驾驶', 'STARTUP', '2023-08-20', '12000000.00');
      await pi(ids['SF-VC-01']!, '汉阳新材料', 'GROWTH', '2024-03-15', '40000000.00');
      await pi(ids['SF-VC-01']!, '武汉具身智能', 'GROWTH', '2025-04-18', '60000000.00');
      await pi(ids['SF-VC-01']!, '光谷量子传感', 'STARTUP', '2025-05-20', '5000000.00', { from: ids['SF-SEED-01']!, project: '光谷量子传感' });
      await this.ledger.record(m, 'project-exits', fof.id, { subFundId: ids['SF-SEED-01']!, projectInvestmentId: seedProj.id, exitDate: '2025-05-20', proceeds: '9000000.00' });
      await pi(ids['SF-IND-01']!, '光电子芯片封装', 'GROWTH', '2024-06-30', '150000000.00');
      await pi(ids['SF-MA-01']!, '某光模块企业控股收购', 'MATURE', '2025-03-31', '90000000.00');
      // The S-fund buys an LP interest at a discount to NAV.
      await this.ledger.record(m, 'secondary-purchases', fof.id, {
        buyerSubFundId: ids['SF-S-01']!, targetSubFundId: null, fundInterest: '某创投基金（有限合伙）LP 份额', seller: '某保险资管', purchaseDate: '2024-10-15',
        commitmentTransferred: '30000000.00', paidInTransferred: '24000000.00', unfundedTransferred: '6000000.00', referenceNav: '26000000.00', referenceNavDate: '2024-06-30', price: '22100000.00',
      });
      // An incentive proposal on the industry fund.
      await this.ledger.record(m, 'incentive-proposals', fof.id, {
        subFundId: ids['SF-IND-01']!, proposalDate: '2025-12-31', socialLpReward: '6000000.00', managerReward: '3000000.00', description: '按约定向社会出资人和管理人让渡部分超额收益',
      });
      // Direct investments: a seed-stage project written off, a growth-stage one holding.
      const lost = await this.funds.createDirectInvestment(m, fof.id, { code: 'DI-001', projectName: '武汉某新型电池初创公司', stage: 'SEED', isTech: true, decisionDate: '2023-07-01', commitment: '5000000.00' });
      await this.flow(m, fof.id, { directInvestmentId: lost.id, flowType: 'CONTRIBUTION', flowDate: '2023-07-15', amount: '5000000.00' });
      await this.ledger.record(m, 'valuations', fof.id, { subFundId: null, directInvestmentId: lost.id, valuationDate: '2023-12-31', nav: '4500000.00' });
      await this.ledger.record(m, 'valuations', fof.id, { subFundId: null, directInvestmentId: lost.id, valuationDate: '2025-06-30', nav: '0.00' });
      await this.ledger.record(m, 'amendments', fof.id, {
        subFundId: null, directInvestmentId: lost.id, kind: 'STATUS_CHANGE', effectiveDate: '2025-06-30', newTermEnd: null, newStatus: 'WRITTEN_OFF', documentNo: '武金控〔2025〕47号',
      });
      const growth = await this.funds.createDirectInvestment(m, fof.id, { code: 'DI-002', projectName: '武汉某工业软件公司', stage: 'GROWTH', isTech: true, decisionDate: '2024-05-01', commitment: '20000000.00' });
      await this.flow(m, fof.id, { directInvestmentId: growth.id, flowType: 'CONTRIBUTION', flowDate: '2024-05-20', amount: '20000000.00' });
      await this.ledger.record(m, 'valuations', fof.id, { subFundId: null, directInvestmentId: growth.id, valuationDate: '2025-12-31', nav: '26000000.00' });
      // A second written-off seed-stage project, whose assessment is still with the reviewer.
      const lost2 = await this.funds.createDirectInvestment(m, fof.id, { code: 'DI-003', projectName: '武汉某生物材料初创公司', stage: 'SEED', isTech: true, decisionDate: '2024-03-01', commitment: '3000000.00' });
      await this.flow(m, fof.id, { directInvestmentId: lost2.id, flowType: 'CONTRIBUTION', flowDate: '2024-03-15', amount: '3000000.00' });
      await this.flow(m, fof.id, { directInvestmentId: lost2.id, flowType: 'DISTRIBUTION', distributionKind: 'RETURN_OF_CAPITAL', flowDate: '2025-09-30', amount: '400000.00' });
      await this.ledger.record(m, 'valuations', fof.id, { subFundId: null, directInvestmentId: lost2.id, valuationDate: '2025-09-30', nav: '0.00' });
      await this.ledger.record(m, 'amendments', fof.id, {
        subFundId: null, directInvestmentId: lost2.id, kind: 'STATUS_CHANGE', effectiveDate: '2025-09-30', newTermEnd: null, newStatus: 'WRITTEN_OFF', documentNo: '武金控〔2025〕63号',
      });
      await this.demoCases(m, users.reviewer!, czj.id, fof.id, lost.id, lost2.id);
      return { fofId: fof.id, fofCode: fof.code };
    });
  }

  /** One approved assessment (DI-001) and one waiting for the reviewer (DI-003). */
  private async demoCases(m: Principal, reviewerId: string, bureauId: string, fofId: string, approvedSubject: string, pendingSubject: string): Promise<void> {
    const r: Principal = { userId: reviewerId, username: 'reviewer', organizationId: bureauId, organizationKind: 'FINANCE_BUREAU', role: 'REVIEWER', jurisdiction: 'WUHAN' };
    const allDone = {
      checklist: ['PROJECT_APPROVAL', 'DUE_DILIGENCE_REPORT', 'INVESTMENT_DECISION', 'POST_INVESTMENT_MANAGEMENT', 'RISK_HANDLING'].map((code) => ({ code, performed: true, note: '已履职，材料见证据索引' })),
      negativeList: ['VIOLATION_OF_LAW', 'VIOLATION_OF_PROCEDURE', 'BENEFIT_TRANSFER', 'FALSIFICATION', 'PRIVATE_GAIN'].map((code) => ({ code, present: false, note: '经核查不存在' })),
      objectiveCauses: [{ code: 'TECHNOLOGY_RISK', present: true, note: '核心技术路线被行业淘汰' }],
    };
    const a = await this.exemptions.open(m, fofId, { subjectType: 'DIRECT_INVESTMENT', subjectId: approvedSubject, trigger: 'WRITTEN_OFF', caseDate: '2025-06-30' });
    await this.exemptions.answer(m, fofId, a.id, allDone, '逐项填报尽职情况');
    await this.exemptions.transition(m, fofId, a.id, 'SUBMIT', { comment: '提请审核' });
    await this.exemptions.transition(r, fofId, a.id, 'APPROVE', { comment: '同意免责' });
    const b = await this.exemptions.open(m, fofId, { subjectType: 'DIRECT_INVESTMENT', subjectId: pendingSubject, trigger: 'WRITTEN_OFF', caseDate: '2025-09-30' });
    await this.exemptions.answer(m, fofId, b.id, { ...allDone, objectiveCauses: [{ code: 'MARKET_RISK', present: true, note: '下游需求骤降' }] }, '逐项填报尽职情况');
    await this.exemptions.transition(m, fofId, b.id, 'SUBMIT', { comment: '提请审核' });
  }

  private flow(m: Principal, fofId: string, f: Partial<LedgerInput<'flows'>> & Pick<LedgerInput<'flows'>, 'flowType' | 'flowDate' | 'amount'>) {
    return this.ledger.record(m, 'flows', fofId, { subFundId: null, directInvestmentId: null, distributionKind: null, ...f });
  }
}
