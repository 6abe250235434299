import type { Page } from '../../../libs/domain/ledger/principal.js';
import type { DirectInvestmentRecord, FofRecord, LedgerKind, LedgerKinds, SubFundRecord } from '../../../libs/domain/ledger/records.js';
import { SUB_FUND_CATEGORY, PROJECT_STAGE, INVESTOR_KIND } from '../../../libs/domain/ledger/vocabulary.js';

/** Response DTOs: explicit fields, instants as ISO strings, money as decimal strings. Never an entity. */

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const iso = (d: Date | string | null | undefined) => (d == null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): { [P in K]: Json } {
  const out = {} as { [P in K]: Json };
  for (const k of keys) out[k] = (o[k] ?? null) as Json;
  return out;
}

export const pageOf = <T, U>(p: Page<T>, map: (t: T) => U) => ({ items: p.items.map(map), page: p.page, pageSize: p.pageSize, total: p.total });

export const fofDto = (f: FofRecord) => ({
  ...pick(f, ['id', 'organizationId', 'code', 'name', 'jurisdiction', 'strictMode', 'createdBy'] as const),
  createdAt: iso(f.createdAt),
});

export const subFundDto = (s: SubFundRecord) => ({
  ...pick(s, ['id', 'fofId', 'code', 'name', 'category', 'manager', 'firstClose', 'termEnd', 'seedProjectCap', 'startupProjectCap', 'createdBy'] as const),
  categoryLabel: SUB_FUND_CATEGORY.labels[s.category as keyof typeof SUB_FUND_CATEGORY.labels] ?? null,
  createdAt: iso(s.createdAt),
});

export const directInvestmentDto = (d: DirectInvestmentRecord) => ({
  ...pick(d, ['id', 'fofId', 'code', 'projectName', 'stage', 'isTech', 'decisionDate', 'commitment', 'createdBy'] as const),
  stageLabel: PROJECT_STAGE.labels[d.stage as keyof typeof PROJECT_STAGE.labels] ?? null,
  createdAt: iso(d.createdAt),
});

const META = ['id', 'fofId', 'recordedBy', 'reversesId', 'reason'] as const;

/** The business fields each ledger kind shows, after the common meta fields. */
export const LEDGER_FIELDS: { [K in LedgerKind]: ReadonlyArray<keyof LedgerKinds[K]> } = {
  'lp-commitments': ['subFundId', 'investorName', 'investorKind', 'amount', 'commitDate'],
  amendments: ['subFundId', 'directInvestmentId', 'kind', 'effectiveDate', 'newTermEnd', 'newStatus', 'documentNo'],
  flows: ['subFundId', 'directInvestmentId', 'flowType', 'distributionKind', 'flowDate', 'amount'],
  valuations: ['subFundId', 'directInvestmentId', 'valuationDate', 'nav'],
  'project-investments': ['subFundId', 'projectName', 'stage', 'investmentDate', 'amount', 'isHandoff', 'handoffSourceSubFundId', 'handoffSourceProject'],
  'project-exits': ['subFundId', 'projectInvestmentId', 'exitDate', 'proceeds'],
  'secondary-purchases': [
    'buyerSubFundId',
    'targetSubFundId',
    'fundInterest',
    'seller',
    'purchaseDate',
    'commitmentTransferred',
    'paidInTransferred',
    'unfundedTransferred',
    'referenceNav',
    'referenceNavDate',
    'price',
  ],
  'incentive-proposals': ['subFundId', 'proposalDate', 'socialLpReward', 'managerReward', 'description'],
  exceptions: ['ruleId', 'subjectType', 'subjectId', 'documentNo', 'approver', 'approvedOn', 'note'],
  'ma-loans': ['subFundId', 'borrower', 'target', 'controlling', 'dealAmount', 'loanAmount', 'startDate', 'maturityDate'],
};

export function ledgerDto<K extends LedgerKind>(kind: K, r: LedgerKinds[K] & { reversedBy?: string | null }) {
  const extra: Record<string, Json> = {};
  if (kind === 'lp-commitments') {
    const k = (r as LedgerKinds['lp-commitments']).investorKind as keyof typeof INVESTOR_KIND.labels;
    extra.investorKindLabel = INVESTOR_KIND.labels[k] ?? null;
  }
  return {
    ...pick(r, META),
    ...pick(r, LEDGER_FIELDS[kind] as ReadonlyArray<keyof LedgerKinds[K]>),
    ...extra,
    recordedAt: iso(r.recordedAt),
    reversedBy: r.reversedBy ?? null,
  };
}
