import { DomainError } from '../../domain/errors/domain-error.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import type { CheckResult, CheckStatus, RuleId } from '../../domain/policy/check-result.js';
import { diffChecks, evaluateAll, filterChecks, grandfather, summarizeChecks } from '../../domain/policy/evaluate.js';
import type { FofLedger } from '../../domain/review/fof-ledger.js';
import { policyFacts } from '../../domain/review/policy-facts.js';
import { actionDate, applyProposal, type ProposedAction } from '../../domain/review/proposed-action.js';
import { resolveParameters, type ResolvedParameters } from '../../domain/policy/policy-pack.js';
import type { PolicyFacts } from '../../domain/policy/facts.js';
import type { FofAccess } from '../fof-access.js';
import type { LedgerReader } from '../review/ledger-reader.js';
import type { LoadedPack, PolicyPackService } from './policy-pack.service.js';

export interface Evaluation {
  pack: LoadedPack | null;
  params: ResolvedParameters | null;
  facts: PolicyFacts;
  checks: CheckResult[];
}

export interface CheckQuery {
  asOf: BusinessDate;
  knownAt?: Date;
  ruleId?: RuleId[];
  status?: CheckStatus[];
  subjectId?: string;
}

export interface PackRef {
  id: string;
  instrument: string;
  title: string;
  revision: number;
}

export const packRef = (p: LoadedPack): PackRef => ({ id: p.pack.id, instrument: p.pack.instrument, title: p.pack.title, revision: p.revision });

/** Policy checks of a FoF: as of a date, filtered, grandfathered, and against a proposed action (what-if). */
export class PolicyService {
  constructor(
    private readonly access: FofAccess,
    private readonly reader: LedgerReader,
    private readonly packs: PolicyPackService,
  ) {}

  /** The checks of a ledger with the pack of its jurisdiction in force on asOf; empty when no pack applies. */
  async evaluate(ledger: FofLedger, asOf: BusinessDate, knownAt?: Date): Promise<Evaluation> {
    const pack = await this.packs.forJurisdiction(ledger.fof.jurisdiction, asOf, knownAt);
    const facts = policyFacts(ledger, asOf);
    if (!pack) return { pack: null, params: null, facts, checks: [] };
    return { pack, params: resolveParameters(pack.pack, asOf), facts, checks: evaluateAll(facts, pack.pack, asOf) };
  }

  async checks(p: Principal, fofId: string, q: CheckQuery) {
    const fof = await this.access.readable(p, fofId);
    const { pack, checks } = await this.evaluate(await this.reader.read(fof, q.asOf, q.knownAt), q.asOf, q.knownAt);
    const filtered = filterChecks(checks, { ruleId: q.ruleId, status: q.status, subjectId: q.subjectId });
    return {
      fofId,
      asOf: q.asOf,
      knownAt: q.knownAt?.toISOString() ?? null,
      policyPack: pack ? packRef(pack) : null,
      note: pack ? null : `no policy pack for jurisdiction ${fof.jurisdiction} on ${q.asOf}`,
      summary: summarizeChecks(filtered),
      checks: filtered,
    };
  }

  /** A decision judged by the parameters in force when it was made, next to today's. */
  async grandfathered(p: Principal, fofId: string, decisionDate: BusinessDate, today: BusinessDate) {
    const fof = await this.access.readable(p, fofId);
    const pack = await this.packs.forJurisdiction(fof.jurisdiction, decisionDate);
    if (!pack) throw new DomainError('NOT_FOUND', `no policy pack for jurisdiction ${fof.jurisdiction} on ${decisionDate}`);
    const report = grandfather(policyFacts(await this.reader.read(fof, today), today), pack.pack, decisionDate, today);
    return { fofId, policyPack: packRef(pack), ...report };
  }

  /** What the checks would be after the action, against now; writes nothing. */
  async whatIf(p: Principal, fofId: string, action: ProposedAction, asOfOverride?: BusinessDate) {
    const fof = await this.access.readable(p, fofId);
    if (p.role !== 'FUND_MANAGER') throw new DomainError('FORBIDDEN', 'what-if is for the fund managers who make the decision');
    const asOf = asOfOverride ?? actionDate(action);
    const before = await this.reader.read(fof, asOf);
    const after = applyProposal(before, action, p.userId, new Date());
    const now = await this.evaluate(before, asOf);
    const then = await this.evaluate(after, asOf);
    const changes = diffChecks(now.checks, then.checks);
    const failures = then.checks.filter((c) => c.status === 'FAIL');
    return {
      fofId,
      asOf,
      action,
      policyPack: then.pack ? packRef(then.pack) : null,
      verdict: failures.length ? 'FAIL' : then.checks.some((c) => c.status === 'WARN') ? 'WARN' : 'PASS',
      summaryBefore: summarizeChecks(now.checks),
      summaryAfter: summarizeChecks(then.checks),
      changes,
      failing: failures,
      checks: then.checks,
      written: false,
    };
  }

  /** New FAILs a change brought: checks failing after that were not failing before (strict mode). */
  static newFailures(before: CheckResult[], after: CheckResult[]): CheckResult[] {
    return diffChecks(before, after)
      .filter((c) => c.after?.status === 'FAIL' && c.before?.status !== 'FAIL')
      .map((c) => c.after!);
  }

  /** Used by strict mode: the fof's checks as of a date, read inside the current transaction. */
  async checksOf(fof: FofRecord, asOf: BusinessDate): Promise<CheckResult[]> {
    return (await this.evaluate(await this.reader.read(fof, asOf), asOf)).checks;
  }
}
