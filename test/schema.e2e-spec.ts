import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase } from './support/test-database.js';

describe('schema', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createTestDatabase() });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });
  it('has the migrations applied', async () => {
    const r = await client.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(r.rows.map((x) => x.name)).toEqual(['InitLedger1764316800000', 'LedgerAppendOnly1764316800001', 'PolicyPacksAndMaLoans1764316800002', 'ExemptionCases1764316800003', 'SubFundProjectCaps1764316800004']);
  });
});
