import { DomainError } from '../../domain/errors/domain-error.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { WriteGuard } from '../ledger/write-guard.js';
import { PolicyService } from './policy.service.js';
import { todayUtc } from '../clock.js';

/**
 * Strict mode: a write that would turn a check to FAIL is refused (409 POLICY_VIOLATION with the
 * failing checks) unless an approved exception covers it (the rule then says EXEMPT). Writes to one FoF
 * are serialized by a transaction-scoped advisory lock taken before the "before" evaluation, so two
 * concurrent commitments cannot both pass against the same headroom. `serialize: false` removes the
 * lock (only to demonstrate the race it prevents: STRICT_GUARD=off in the concurrency test).
 */
export class StrictModeGuard implements WriteGuard {
  constructor(
    private readonly tx: TransactionContext,
    private readonly policy: PolicyService,
    private readonly serialize = true,
    private readonly today: () => BusinessDate = todayUtc,
  ) {}

  async guard<T>(fof: FofRecord, businessDate: BusinessDate, write: () => Promise<T>): Promise<T> {
    if (!fof.strictMode) return write();
    if (!this.tx.inTransaction()) throw new Error('strict mode needs the write to run in a transaction');
    if (this.serialize) await this.tx.manager().query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fof-write:${fof.id}`]);
    const today = this.today();
    const asOf = businessDate > today ? businessDate : today;
    const before = await this.policy.checksOf(fof, asOf);
    const result = await write();
    const failing = PolicyService.newFailures(before, await this.policy.checksOf(fof, asOf));
    if (failing.length > 0) {
      throw new DomainError(
        'POLICY_VIOLATION',
        `strict mode: this write would fail ${failing.map((c) => `${c.ruleId} (${c.subject.label})`).join(', ')}; record an approved exception first or change the amount`,
        { asOf, failing },
      );
    }
    return result;
  }
}
