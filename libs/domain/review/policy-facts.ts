import { Decimal } from '../money/decimal.js';
import { toYuan } from '../money/money.js';
import { yearOf, type BusinessDate } from '../money/business-date.js';
import type { PositionSeries } from '../figures/position-series.js';
import { PositionIndex } from '../ledger/position-state.js';
import type { AllocationAmounts, AnnualAllocationFacts, DirectInvestmentFacts, InvestorKind, PolicyFacts, ProjectInvestmentFacts, ProjectStage, SubFundCategory, SubFundFacts, SubFundStatus } from '../policy/facts.js';
import type { FofLedger } from './fof-ledger.js';

const ZERO = () => new Decimal(0);

/** What the rules read of a position: paid-in, distributed and NAV (no IRR needed). */
const totals = (s: PositionSeries) => ({ paidIn: toYuan(s.paidIn), distributed: toYuan(s.distributed), nav: toYuan(s.nav) });

function addTo(m: Map<string, Decimal>, key: string, amount: Decimal | string): void {
  m.set(key, (m.get(key) ?? ZERO()).plus(amount));
}

function amounts(byCategory: Map<string, Decimal>, tech: Decimal, other: Decimal): AllocationAmounts {
  const subFundsByCategory: Partial<Record<SubFundCategory, string>> = {};
  for (const [c, v] of byCategory) subFundsByCategory[c as SubFundCategory] = toYuan(v);
  return { subFundsByCategory, directTech: toYuan(tech), directOther: toYuan(other) };
}

/**
 * The facts the policy rules judge, computed from the ledger as of a date. The FoF's commitments of
 * a year are its FOF-kind LP commitments dated that year plus its direct investments decided that year
 * (basis COMMITMENTS); the paid-in basis uses contributions dated that year.
 */
export function policyFacts(l: FofLedger, asOf: BusinessDate): PolicyFacts {
  const index = new PositionIndex(l, l.series);
  const category = new Map(l.subFunds.map((s) => [s.id, s.category]));
  const statusChangeDate = (id: string, status: string) => index.statusDate(id, asOf, status);

  const subFunds: SubFundFacts[] = l.subFunds.map((sf) => {
    const split = index.commitmentSplit(sf.id);
    const fig = totals(index.series(sf.id, split.fof));
    return {
      id: sf.id,
      label: `${sf.code} ${sf.name}`,
      category: sf.category as SubFundCategory,
      status: index.statusAsOf(sf.id, asOf, 'INVESTING') as SubFundStatus,
      firstClose: sf.firstClose,
      termEnd: index.termEndAsOf(sf.id, asOf, sf.termEnd),
      liquidatedOn: statusChangeDate(sf.id, 'LIQUIDATED'),
      fofCommitment: toYuan(split.fof),
      lpCommitments: index
        .lpCommitments(sf.id)
        .filter((c) => c.investorKind !== 'FOF')
        .map((c) => ({ investorKind: c.investorKind as InvestorKind, investorName: c.investorName, amount: c.amount })),
      fofPosition: { paidIn: fig.paidIn, distributed: fig.distributed, nav: fig.nav },
      projectCaps: { SEED: sf.seedProjectCap, STARTUP: sf.startupProjectCap },
    };
  });

  const exitsByInvestment = new Map<string, { proceeds: Decimal; date: BusinessDate }>();
  for (const e of l.projectExits) {
    const prev = exitsByInvestment.get(e.projectInvestmentId);
    exitsByInvestment.set(e.projectInvestmentId, {
      proceeds: (prev?.proceeds ?? ZERO()).plus(e.proceeds),
      date: prev && prev.date > e.exitDate ? prev.date : e.exitDate,
    });
  }
  const projectInvestments: ProjectInvestmentFacts[] = l.projectInvestments.map((pi) => {
    const exit = exitsByInvestment.get(pi.id);
    return {
      id: pi.id,
      label: pi.projectName,
      subFundId: pi.subFundId,
      projectId: pi.projectName,
      stage: pi.stage as ProjectStage,
      investedOn: pi.investmentDate,
      amount: pi.amount,
      handoff: pi.isHandoff,
      sourceFundCategory: pi.handoffSourceSubFundId ? ((category.get(pi.handoffSourceSubFundId) as SubFundCategory | undefined) ?? null) : null,
      sourceFundId: pi.handoffSourceSubFundId,
      // The fund's own position in the project is known once it has exited (cost in, proceeds out).
      figures: exit ? { paidIn: pi.amount, distributed: toYuan(exit.proceeds), nav: '0.00' } : null,
      exitedOn: exit?.date ?? null,
    };
  });

  const directInvestments: DirectInvestmentFacts[] = l.directs.map((d) => {
    const fig = totals(index.series(d.id, new Decimal(d.commitment)));
    return {
      id: d.id,
      label: `${d.code} ${d.projectName}`,
      stage: d.stage as ProjectStage,
      techProject: d.isTech,
      investedOn: d.decisionDate,
      amount: d.commitment,
      figures: { paidIn: fig.paidIn, distributed: fig.distributed, nav: fig.nav },
      exitedOn: statusChangeDate(d.id, 'EXITED'),
    };
  });

  return {
    fof: { id: l.fof.id, label: `${l.fof.code} ${l.fof.name}` },
    subFunds,
    projectInvestments,
    directInvestments,
    annualAllocations: annualAllocations(l, asOf),
    incentiveProposals: incentiveFacts(l, subFunds),
    maLoans: l.maLoans.map((m) => ({
      id: m.id,
      label: `${m.borrower} → ${m.target}`,
      controlling: m.controlling,
      dealAmount: m.dealAmount,
      loanAmount: m.loanAmount,
      startDate: m.startDate,
      maturityDate: m.maturityDate,
    })),
    exceptions: l.exceptions.map((e) => ({
      ruleId: e.ruleId,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      documentNo: e.documentNo,
      approver: e.approver,
      approvedOn: e.approvedOn,
    })),
  };
}

/** New investment per calendar year, on both bases (§二(一)1 当年新增投资额). */
function annualAllocations(l: FofLedger, asOf: BusinessDate): AnnualAllocationFacts[] {
  const category = new Map(l.subFunds.map((s) => [s.id, s.category]));
  const techDirect = new Map(l.directs.map((d) => [d.id, d.isTech]));
  const years = new Map<number, { c: Map<string, Decimal>; cTech: Decimal; cOther: Decimal; p: Map<string, Decimal>; pTech: Decimal; pOther: Decimal }>();
  const year = (y: number) => {
    let e = years.get(y);
    if (!e) years.set(y, (e = { c: new Map(), cTech: ZERO(), cOther: ZERO(), p: new Map(), pTech: ZERO(), pOther: ZERO() }));
    return e;
  };
  for (const c of l.commitments) {
    if (c.investorKind === 'FOF' && c.commitDate <= asOf) addTo(year(yearOf(c.commitDate)).c, category.get(c.subFundId)!, c.amount);
  }
  for (const d of l.directs) {
    if (d.decisionDate > asOf) continue;
    const e = year(yearOf(d.decisionDate));
    if (d.isTech) e.cTech = e.cTech.plus(d.commitment);
    else e.cOther = e.cOther.plus(d.commitment);
  }
  for (const c of l.yearlyContributions) {
    const e = year(c.year);
    const cat = category.get(c.positionId);
    if (cat) addTo(e.p, cat, c.amount);
    else if (techDirect.get(c.positionId)) e.pTech = e.pTech.plus(c.amount);
    else if (techDirect.has(c.positionId)) e.pOther = e.pOther.plus(c.amount);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([y, e]) => ({ year: y, commitments: amounts(e.c, e.cTech, e.cOther), paidIn: amounts(e.p, e.pTech, e.pOther) }));
}

/** Each proposal with the FoF's value added in its sub-fund and what earlier proposals already gave. */
function incentiveFacts(l: FofLedger, subFunds: SubFundFacts[]): PolicyFacts['incentiveProposals'] {
  const valueAdded = new Map(
    subFunds.map((s) => {
      const v = new Decimal(s.fofPosition.distributed).plus(s.fofPosition.nav).minus(s.fofPosition.paidIn);
      return [s.id, toYuan(Decimal.max(v, 0))];
    }),
  );
  const sorted = [...l.incentiveProposals].sort((a, b) => (a.proposalDate < b.proposalDate ? -1 : a.proposalDate > b.proposalDate ? 1 : 0));
  const granted = new Map<string, Decimal>();
  return sorted.map((p) => {
    const before = granted.get(p.subFundId) ?? ZERO();
    const proposed = new Decimal(p.socialLpReward).plus(p.managerReward);
    granted.set(p.subFundId, before.plus(proposed));
    return {
      id: p.id,
      label: p.description.slice(0, 60),
      subFundId: p.subFundId,
      valueAdded: valueAdded.get(p.subFundId) ?? '0.00',
      previouslyGranted: toYuan(before),
      proposedAmount: toYuan(proposed),
    };
  });
}
