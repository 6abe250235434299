import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The unit of work. A use case (or the HTTP layer, for a whole request) opens a transaction with
 * `run`; every repository call inside it uses the same EntityManager, found through AsyncLocalStorage,
 * so a failed multi-row operation writes no row.
 */
export class TransactionContext {
  private readonly als = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  manager(): EntityManager {
    return this.als.getStore() ?? this.dataSource.manager;
  }

  inTransaction(): boolean {
    return this.als.getStore() !== undefined;
  }

  /** Runs fn in a transaction, joining the current one when there is one. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.als.getStore()) return fn();
    return this.dataSource.transaction((em) => this.als.run(em, fn));
  }
}
