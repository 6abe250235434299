import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
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

  /**
   * Runs independent reads concurrently on the pool, or one after another inside a transaction, whose
   * single connection cannot carry two queries at once.
   */
  async all<T extends readonly unknown[]>(fns: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
    if (!this.inTransaction()) return Promise.all(fns.map((f) => f())) as unknown as Promise<T>;
    const out: unknown[] = [];
    for (const f of fns) out.push(await f());
    return out as unknown as T;
  }

  /**
   * Lends the raw pg connection (for COPY): the transaction's own inside one, else one from the pool,
   * returned when fn settles.
   */
  async withClient<T>(fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    const lease = await this.lease();
    try {
      return await fn(lease.client);
    } finally {
      await lease.release();
    }
  }

  /** The raw connection as withClient lends it, for a caller that holds it across yields; release it in a finally. */
  async lease(): Promise<{ client: pg.ClientBase; release: () => Promise<void> }> {
    const em = this.als.getStore();
    if (em?.queryRunner) return { client: (await em.queryRunner.connect()) as pg.ClientBase, release: async () => undefined };
    const qr = this.dataSource.createQueryRunner();
    try {
      return { client: (await qr.connect()) as pg.ClientBase, release: () => qr.release() };
    } catch (e) {
      await qr.release();
      throw e;
    }
  }

  /**
   * A pooled connection if one comes within `ms`, else null (outside a transaction only). For a second
   * connection wanted while holding a first: waiting for it without a limit could deadlock a busy pool,
   * every request holding one connection and waiting for another.
   */
  async tryLease(ms: number): Promise<{ client: pg.ClientBase; release: () => Promise<void> } | null> {
    if (this.als.getStore()) return null;
    const qr = this.dataSource.createQueryRunner();
    const connecting = qr.connect() as Promise<pg.ClientBase>;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    const got = await Promise.race([connecting.catch(() => null), late]);
    clearTimeout(timer);
    if (got) return { client: got, release: () => qr.release() };
    // Too late (or failed): whenever the connection does come, it goes straight back.
    connecting.then(
      () => qr.release(),
      () => qr.release(),
    );
    return null;
  }

  /**
   * Runs fn in a read-only transaction at REPEATABLE READ, so every read inside sees one snapshot of
   * the database however long fn takes (a review and the workbook streamed from it); joins the current
   * transaction when there is one. Reads inside run one after another on its connection.
   */
  async snapshot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.als.getStore()) return fn();
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      return this.als.run(em, fn);
    });
  }

  /** Runs fn in a transaction, joining the current one when there is one. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.als.getStore()) return fn();
    return this.dataSource.transaction((em) => this.als.run(em, fn));
  }
}
