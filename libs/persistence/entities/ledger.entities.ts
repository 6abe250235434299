import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { DateColumn, EnumColumn, LedgerRow, MoneyColumn, NameColumn } from './columns.js';

/*
 * Append-only ledger tables. The database refuses UPDATE, DELETE and TRUNCATE on each of them
 * (trigger refuse_ledger_mutation, migration LedgerAppendOnly). A correction is a new row whose
 * reverses_id points at the original; reads ignore both the reversed row and the reversal.
 */

/** A position is exactly one sub-fund or one direct investment. */
const ONE_POSITION = '(sub_fund_id IS NULL) <> (direct_investment_id IS NULL)';

@Entity('lp_commitments')
@Index(['subFundId', 'commitDate'])
@Check('CHK_lp_commitments_amount', 'amount > 0')
export class LpCommitmentEntity extends LedgerRow {
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  subFundId: string;

  @NameColumn()
  investorName: string;

  /** FOF (ours), INSURER, AIC, BANK_WMP, LISTED_COMPANY, CHAIN_LEADER, GOLD_SILVER_SEED, SOE, PRIVATE, OTHER */
  @EnumColumn()
  investorKind: string;

  @MoneyColumn()
  amount: string;

  @DateColumn()
  commitDate: string;
}

/** Dated amendments of a position: term extensions and status changes. */
@Entity('position_amendments')
@Check('CHK_position_amendments_position', ONE_POSITION)
export class PositionAmendmentEntity extends LedgerRow {
  @Index()
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  subFundId: string | null;

  @Index()
  @ForeignKey('DirectInvestmentEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  directInvestmentId: string | null;

  /** TERM_EXTENSION or STATUS_CHANGE */
  @EnumColumn()
  kind: string;

  @DateColumn()
  effectiveDate: string;

  @DateColumn({ nullable: true })
  newTermEnd: string | null;

  /** sub-fund: INVESTING, EXITING, LIQUIDATED; direct: HOLDING, EXITED, WRITTEN_OFF */
  @EnumColumn(true)
  newStatus: string | null;

  @Column('varchar', { length: 100, nullable: true })
  documentNo: string | null;
}

/** The FoF's cash flows in a position: contributions out, distributions in. Amounts are positive. */
@Entity('position_flows')
// Partial: a flow has one position, so each row costs one of these two indexes, not both.
@Index(['subFundId', 'flowDate'], { where: 'sub_fund_id IS NOT NULL' })
@Index(['directInvestmentId', 'flowDate'], { where: 'direct_investment_id IS NOT NULL' })
@Index(['fofId', 'flowDate'])
@Check('CHK_position_flows_position', ONE_POSITION)
@Check('CHK_position_flows_amount', 'amount > 0')
@Check(
  'CHK_position_flows_kind',
  "(flow_type = 'CONTRIBUTION' AND distribution_kind IS NULL) OR (flow_type = 'DISTRIBUTION' AND distribution_kind IS NOT NULL)",
)
export class PositionFlowEntity extends LedgerRow {
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  subFundId: string | null;

  @ForeignKey('DirectInvestmentEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  directInvestmentId: string | null;

  /** CONTRIBUTION or DISTRIBUTION */
  @EnumColumn()
  flowType: string;

  /** RETURN_OF_CAPITAL, GAIN or INCOME, for distributions */
  @EnumColumn(true)
  distributionKind: string | null;

  @DateColumn()
  flowDate: string;

  @MoneyColumn()
  amount: string;
}

/** NAV of the FoF's position on a date. */
@Entity('valuations')
@Index(['subFundId', 'valuationDate'], { where: 'sub_fund_id IS NOT NULL' })
@Index(['directInvestmentId', 'valuationDate'], { where: 'direct_investment_id IS NOT NULL' })
@Check('CHK_valuations_position', ONE_POSITION)
@Check('CHK_valuations_nav', 'nav >= 0')
export class ValuationEntity extends LedgerRow {
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  subFundId: string | null;

  @ForeignKey('DirectInvestmentEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  directInvestmentId: string | null;

  @DateColumn()
  valuationDate: string;

  @MoneyColumn()
  nav: string;
}

/** A sub-fund's own investment in a project; a hand-off (承接) names the seed/angel fund and project it takes over. */
@Entity('project_investments')
@Index(['subFundId', 'investmentDate'])
@Check('CHK_project_investments_amount', 'amount > 0')
@Check('CHK_project_investments_handoff', 'NOT is_handoff OR handoff_source_sub_fund_id IS NOT NULL')
export class ProjectInvestmentEntity extends LedgerRow {
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  subFundId: string;

  @NameColumn()
  projectName: string;

  @EnumColumn()
  stage: string;

  @DateColumn()
  investmentDate: string;

  @MoneyColumn()
  amount: string;

  @Column('boolean', { default: false })
  isHandoff: boolean;

  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  handoffSourceSubFundId: string | null;

  @NameColumn(true)
  handoffSourceProject: string | null;
}

@Entity('project_exits')
@Index(['subFundId', 'exitDate'])
@Check('CHK_project_exits_proceeds', 'proceeds >= 0')
export class ProjectExitEntity extends LedgerRow {
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  subFundId: string;

  @ForeignKey('ProjectInvestmentEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  projectInvestmentId: string;

  @DateColumn()
  exitDate: string;

  @MoneyColumn()
  proceeds: string;
}

/** A secondary (S-fund) purchase of an existing LP interest. */
@Entity('secondary_purchases')
@Check('CHK_secondary_purchases_amounts', 'price >= 0 AND reference_nav >= 0 AND commitment_transferred >= 0 AND paid_in_transferred >= 0 AND unfunded_transferred >= 0')
export class SecondaryPurchaseEntity extends LedgerRow {
  /** The S-fund that bought; null when the FoF bought the interest itself. */
  @Index()
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  buyerSubFundId: string | null;

  /** The sub-fund whose interest was bought, when it is one of ours. */
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  targetSubFundId: string | null;

  @NameColumn()
  fundInterest: string;

  @NameColumn()
  seller: string;

  @DateColumn()
  purchaseDate: string;

  @MoneyColumn()
  commitmentTransferred: string;

  @MoneyColumn()
  paidInTransferred: string;

  @MoneyColumn()
  unfundedTransferred: string;

  @MoneyColumn()
  referenceNav: string;

  @DateColumn()
  referenceNavDate: string;

  @MoneyColumn()
  price: string;
}

/** Rewards proposed to a sub-fund's social LPs and manager (§二(一)1 incentive-cap). */
@Entity('incentive_proposals')
@Check('CHK_incentive_proposals_amounts', 'social_lp_reward >= 0 AND manager_reward >= 0')
export class IncentiveProposalEntity extends LedgerRow {
  @Index()
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  subFundId: string;

  @DateColumn()
  proposalDate: string;

  @MoneyColumn()
  socialLpReward: string;

  @MoneyColumn()
  managerReward: string;

  @Column('text')
  description: string;
}

/** An approved exception to a rule for one subject. */
@Entity('policy_exceptions')
@Index(['fofId', 'ruleId'])
export class PolicyExceptionEntity extends LedgerRow {
  @Column('varchar', { length: 64 })
  ruleId: string;

  @EnumColumn()
  subjectType: string;

  @Column('uuid')
  subjectId: string;

  @Column('varchar', { length: 100 })
  documentNo: string;

  @NameColumn()
  approver: string;

  @DateColumn()
  approvedOn: string;

  @Column('text', { nullable: true })
  note: string | null;
}

/** An M&A loan for an acquisition the FoF's M&A activity supports (§二(三)11 ma-loan-terms). */
@Entity('ma_loans')
@Check('CHK_ma_loans_amounts', 'deal_amount > 0 AND loan_amount > 0')
@Check('CHK_ma_loans_dates', 'maturity_date > start_date')
export class MaLoanEntity extends LedgerRow {
  @ForeignKey('SubFundEntity', { onDelete: 'RESTRICT' })
  @Index()
  @Column('uuid', { nullable: true })
  subFundId: string | null;

  @NameColumn()
  borrower: string;

  @NameColumn()
  target: string;

  /** 控股型并购: a controlling acquisition. */
  @Column('boolean')
  controlling: boolean;

  @MoneyColumn()
  dealAmount: string;

  @MoneyColumn()
  loanAmount: string;

  @DateColumn()
  startDate: string;

  @DateColumn()
  maturityDate: string;
}
