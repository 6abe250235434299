import type { BusinessDate } from '../money/business-date.js';
import type { LedgerMeta } from '../ledger/records.js';
import type { FofLedger } from './fof-ledger.js';

/** A decision a fund manager wants checked before making it (what-if). Money as decimal text. */
export type ProposedAction =
  | { type: 'COMMITMENT'; subFundId: string; amount: string; date: BusinessDate }
  | {
      type: 'NEW_SUB_FUND';
      code: string;
      name: string;
      category: string;
      manager: string;
      firstClose: BusinessDate;
      termEnd: BusinessDate;
      seedProjectCap?: string;
      startupProjectCap?: string;
      lpCommitments: Array<{ investorName: string; investorKind: string; amount: string }>;
    }
  | { type: 'DIRECT_INVESTMENT'; code: string; projectName: string; stage: string; isTech: boolean; decisionDate: BusinessDate; commitment: string }
  | { type: 'HANDOFF'; subFundId: string; sourceSubFundId: string; projectName: string; stage: string; date: BusinessDate; amount: string }
  | { type: 'PROJECT_INVESTMENT'; subFundId: string; projectName: string; stage: string; date: BusinessDate; amount: string }
  | { type: 'INCENTIVE'; subFundId: string; date: BusinessDate; socialLpReward: string; managerReward: string; description: string }
  | { type: 'MA_LOAN'; subFundId?: string; borrower: string; target: string; controlling: boolean; dealAmount: string; loanAmount: string; startDate: BusinessDate; maturityDate: BusinessDate };

/** The business date an action takes effect on (the what-if is judged as of it, or later). */
export function actionDate(a: ProposedAction): BusinessDate {
  switch (a.type) {
    case 'NEW_SUB_FUND':
      return a.firstClose;
    case 'DIRECT_INVESTMENT':
      return a.decisionDate;
    case 'MA_LOAN':
      return a.startDate;
    default:
      return a.date;
  }
}

export const PROPOSED_ID_PREFIX = 'proposed-';

/**
 * The ledger as it would be after the action: the same rows plus the ones the action would record,
 * with ids marked "proposed-…". Nothing is written anywhere.
 */
export function applyProposal(l: FofLedger, a: ProposedAction, by: string, now: Date): FofLedger {
  let n = 0;
  const meta = (): LedgerMeta => ({ id: `${PROPOSED_ID_PREFIX}${++n}`, fofId: l.fof.id, recordedAt: now, recordedBy: by, reversesId: null, reason: null });
  const master = () => ({ id: `${PROPOSED_ID_PREFIX}${++n}`, fofId: l.fof.id, createdAt: now, createdBy: by });
  const fofName = l.fof.name;
  switch (a.type) {
    case 'COMMITMENT':
      return { ...l, commitments: [...l.commitments, { ...meta(), subFundId: a.subFundId, investorName: fofName, investorKind: 'FOF', amount: a.amount, commitDate: a.date }] };
    case 'NEW_SUB_FUND': {
      const sf = {
        ...master(),
        code: a.code,
        name: a.name,
        category: a.category,
        manager: a.manager,
        firstClose: a.firstClose,
        termEnd: a.termEnd,
        seedProjectCap: a.seedProjectCap ?? null,
        startupProjectCap: a.startupProjectCap ?? null,
      };
      const commitments = a.lpCommitments.map((c) => ({ ...meta(), subFundId: sf.id, investorName: c.investorName, investorKind: c.investorKind, amount: c.amount, commitDate: a.firstClose }));
      return { ...l, subFunds: [...l.subFunds, sf], commitments: [...l.commitments, ...commitments] };
    }
    case 'DIRECT_INVESTMENT':
      return {
        ...l,
        directs: [...l.directs, { ...master(), code: a.code, projectName: a.projectName, stage: a.stage, isTech: a.isTech, decisionDate: a.decisionDate, commitment: a.commitment }],
      };
    case 'HANDOFF':
    case 'PROJECT_INVESTMENT': {
      const handoff = a.type === 'HANDOFF';
      return {
        ...l,
        projectInvestments: [
          ...l.projectInvestments,
          {
            ...meta(),
            subFundId: a.subFundId,
            projectName: a.projectName,
            stage: a.stage,
            investmentDate: a.date,
            amount: a.amount,
            isHandoff: handoff,
            handoffSourceSubFundId: handoff ? a.sourceSubFundId : null,
            handoffSourceProject: handoff ? a.projectName : null,
          },
        ],
      };
    }
    case 'INCENTIVE':
      return {
        ...l,
        incentiveProposals: [
          ...l.incentiveProposals,
          { ...meta(), subFundId: a.subFundId, proposalDate: a.date, socialLpReward: a.socialLpReward, managerReward: a.managerReward, description: a.description },
        ],
      };
    case 'MA_LOAN':
      return {
        ...l,
        maLoans: [
          ...l.maLoans,
          {
            ...meta(),
            subFundId: a.subFundId ?? null,
            borrower: a.borrower,
            target: a.target,
            controlling: a.controlling,
            dealAmount: a.dealAmount,
            loanAmount: a.loanAmount,
            startDate: a.startDate,
            maturityDate: a.maturityDate,
          },
        ],
      };
  }
}
