import type { TransactionContext } from '../transaction-context.js';
import { IdempotencyKeyEntity } from '../entities/index.js';

export interface StoredResponse {
  method: string;
  path: string;
  requestDigest: string;
  statusCode: number;
  responseBody: unknown;
}

/** Idempotency keys: the first response to a POST, kept for replays. */
export class IdempotencyRepository {
  constructor(private readonly tx: TransactionContext) {}

  async find(userId: string, key: string): Promise<StoredResponse | null> {
    return this.tx.manager().getRepository(IdempotencyKeyEntity).findOneBy({ userId, key });
  }

  /**
   * Claims the key inside the current transaction. A concurrent request with the same key blocks on the
   * primary key until this transaction ends, then fails with a unique violation and replays.
   */
  async claim(userId: string, key: string, method: string, path: string, requestDigest: string): Promise<void> {
    await this.tx
      .manager()
      .getRepository(IdempotencyKeyEntity)
      .insert({ userId, key, method, path, requestDigest, statusCode: 0, responseBody: {} as object });
  }

  async complete(userId: string, key: string, statusCode: number, responseBody: unknown): Promise<void> {
    await this.tx.manager().getRepository(IdempotencyKeyEntity).update({ userId, key }, { statusCode, responseBody: responseBody as object });
  }
}
