import type { BusinessDate } from '../../domain/money/business-date.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import { toYuan } from '../../domain/money/money.js';
import type { CashFlowRow, ReviewModel } from '../../domain/review/review-model.js';
import { positionRows, reviewPools, secondaryPurchaseRows, type PooledGroup } from '../../domain/review/review-tables.js';
import { annualAllocationRows, handoffRows, lossesBeyondTolerance } from '../../domain/review/annual-tables.js';
import { positionFlowLines } from '../../persistence/repositories/position-series.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { FofAccess } from '../fof-access.js';
import { packRef, type PolicyService } from '../policy/policy.service.js';
import type { LedgerReader } from './ledger-reader.js';
import { ExemptionService } from '../exemption/exemption.service.js';
import { Decimal } from '../../domain/money/decimal.js';
import { reviewPositions } from './position.service.js';

export interface ReviewRequest {
  asOf: BusinessDate;
  knownAt?: Date;
}

/** A built review: the model, plus what the workbook needs to stream the cash-flow sheet and place its formulas. */
export interface BuiltReview {
  model: ReviewModel;
  /** Rows each position contributes to the cash-flow sheet (its flows, plus a NAV row when NAV > 0), by position id. */
  flowCounts: Map<string, number>;
  /** The pooled series the workbook lists (made on demand). */
  pooledFlows: () => PooledGroup[];
  /** The cash-flow sheet's rows in batches, read from the database as they are written. */
  cashFlows: () => AsyncGenerator<CashFlowRow[]>;
}

/**
 * The whole-lifecycle review (武政办〔2025〕67号 §二(一)5): every figure pooled over the flows, every check,
 * the annual tables, as of a date and as known at an instant.
 */
export class ReviewService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly access: FofAccess,
    private readonly reader: LedgerReader,
    private readonly policy: PolicyService,
    private readonly exemptions: ExemptionService,
  ) {}

  /**
   * Runs fn (a review built and its workbook streamed) on one snapshot of the database. The workbook's
   * cash-flow sheet is read while it is written, after the figures: a flow recorded in between would
   * otherwise disagree with the positions' counts and cut the export short, or differ from the figures.
   */
  inOneSnapshot<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.snapshot(fn);
  }

  async review(p: Principal, fofId: string, req: ReviewRequest): Promise<BuiltReview> {
    const fof = await this.access.readable(p, fofId);
    return this.build(fof, req, p.username);
  }

  async build(fof: FofRecord, req: ReviewRequest, generatedBy: string): Promise<BuiltReview> {
    const { asOf, knownAt } = req;
    const ledger = await this.reader.read(fof, asOf, knownAt);
    const positions = reviewPositions(ledger, asOf);
    const evaluation = await this.policy.evaluate(ledger, asOf, knownAt);
    const cases = await this.exemptions.cases(fof.id, { asOf, knownAt });
    const pools = reviewPools(positions, asOf);
    const subFundLabel = new Map(ledger.subFunds.map((s) => [s.id, `${s.code} ${s.name}`]));
    const model: ReviewModel = {
      fof: { id: fof.id, code: fof.code, name: fof.name, jurisdiction: fof.jurisdiction },
      asOf,
      knownAt: knownAt?.toISOString() ?? null,
      generatedAt: new Date().toISOString(),
      generatedBy,
      policyPack: evaluation.pack ? packRef(evaluation.pack) : null,
      portfolio: pools.portfolio,
      categories: pools.categories,
      vintages: pools.vintages,
      positions: positionRows(positions, asOf),
      annualAllocation: annualAllocationRows(evaluation.facts, evaluation.params, evaluation.checks),
      handoffs: handoffRows(evaluation.facts, evaluation.params, evaluation.checks, asOf, new Map(ledger.subFunds.map((s) => [s.id, s.code]))),
      secondaryPurchases: secondaryPurchaseRows(ledger.secondaryPurchases, (id) => (id ? (subFundLabel.get(id) ?? id) : fof.name)),
      checks: evaluation.checks,
      exemptions: ExemptionService.reviewRows(cases),
      lossesBeyondTolerance: lossesBeyondTolerance(
        evaluation.checks,
        (type, id) => {
          const x = positions.find((p) => p.id === id && (type === 'SUB_FUND' ? p.kind === 'SUB_FUND' : p.kind === 'DIRECT'));
          return x ? Decimal.max(0, x.data.paidIn.minus(x.data.distributed).minus(x.data.nav)).toFixed(2) : null;
        },
        cases.map((c) => ({
          id: c.id,
          subjectType: c.subject.type,
          subjectId: c.subject.id,
          state: c.state,
          conclusion: c.decision?.conclusion ?? null,
          exemptAmount: c.decision?.exemptAmount ?? null,
          nonExemptAmount: c.decision?.nonExemptAmount ?? null,
        })),
      ),
    };
    // By id: a sub-fund and a direct investment may share a code (each table's codes are unique on their own).
    const flowCounts = new Map(positions.map((x) => [x.id, (x.data.flowCount ?? 0) + (x.data.nav.gt(0) ? 1 : 0)]));
    // The cash-flow sheet needs only each position's identity and NAV: keeping the series (a million
    // per-day amounts at city scale) alive through the export would hold memory for nothing.
    const blocks: CashFlowBlock[] = positions.map((x) => ({ id: x.id, code: x.code, name: x.name, category: x.kind === 'DIRECT' ? 'DIRECT' : x.category, nav: x.data.nav }));
    const cashFlows = cashFlowSource(this.tx, fof.id, blocks, asOf, knownAt);
    return { model, flowCounts, pooledFlows: pools.pooledGroups, cashFlows };
  }
}

interface CashFlowBlock {
  id: string;
  code: string;
  name: string;
  category: string;
  nav: Decimal;
}

/**
 * Made outside build() on purpose: a closure created there shares one context with build()'s other
 * closures, which hold the positions' series, and would keep a million per-day amounts alive
 * through the export.
 */
function cashFlowSource(tx: TransactionContext, fofId: string, blocks: CashFlowBlock[], asOf: BusinessDate, knownAt: Date | undefined) {
  return () => cashFlowBatches(tx, fofId, blocks, asOf, knownAt);
}

/**
 * The cash-flow sheet's rows, a batch of positions at a time, in the blocks' order; each block ends
 * with its NAV row.
 */
async function* cashFlowBatches(tx: TransactionContext, fofId: string, blocks: CashFlowBlock[], asOf: BusinessDate, knownAt: Date | undefined): AsyncGenerator<CashFlowRow[]> {
  let bi = 0;
  const nav = (x: CashFlowBlock, out: CashFlowRow[]) => {
    if (x.nav.gt(0)) out.push({ positionId: x.id, positionCode: x.code, positionName: x.name, category: x.category, date: asOf, type: 'NAV', amount: toYuan(x.nav) });
  };
  for await (const batch of positionFlowLines(tx, fofId, blocks.map((b) => b.id), asOf, knownAt)) {
    const out: CashFlowRow[] = [];
    for (const f of batch) {
      while (blocks[bi]!.id !== f.positionId) nav(blocks[bi++]!, out);
      const b = blocks[bi]!;
      // The database's numeric text has exactly two decimals already: sign it, no arithmetic.
      out.push({ positionId: b.id, positionCode: b.code, positionName: b.name, category: b.category, date: f.flowDate, type: f.flowType as 'CONTRIBUTION' | 'DISTRIBUTION', amount: f.flowType === 'CONTRIBUTION' ? `-${f.amount}` : f.amount });
    }
    yield out;
  }
  const rest: CashFlowRow[] = [];
  for (; bi < blocks.length; bi++) nav(blocks[bi]!, rest);
  if (rest.length) yield rest;
}
