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
    expect(r.rows.map((x) => x.name)).toEqual(['InitLedger1764316800000', 'LedgerAppendOnly1764316800001', 'PolicyPacksAndMaLoans1764316800002', 'ExemptionCases1764316800003', 'SubFundProjectCaps1764316800004', 'PartialPositionIndexes1764316800005', 'PositionSeriesReadModel1764316800006', 'BatchedLedgerInserts1764316800007']);
  });
  it('keeps each flow and valuation in one position index only (partial indexes)', async () => {
    const r = await client.query(
      `SELECT tablename, indexdef FROM pg_indexes WHERE tablename IN ('position_flows', 'valuations') AND (indexdef LIKE '%(sub_fund_id,%' OR indexdef LIKE '%(direct_investment_id,%') ORDER BY 1, 2`,
    );
    expect(r.rows).toHaveLength(4);
    for (const x of r.rows as Array<{ indexdef: string }>) expect(x.indexdef).toMatch(/WHERE \((sub_fund_id|direct_investment_id) IS NOT NULL\)$/);
  });
  it('keeps the flows read model by a trigger that fires always (bulk import too) as the owner', async () => {
    const r = await client.query(
      `SELECT t.tgenabled AS enabled, p.prosecdef AS definer FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = 'position_flows'::regclass AND t.tgname = 'position_flows_series'`,
    );
    expect(r.rows).toEqual([{ enabled: 'A', definer: true }]);
  });
  it('has no BEFORE INSERT row trigger on a ledger table, so COPY writes in batches; reversals are checked after the row', async () => {
    // tgtype bits: 1 row-level, 2 BEFORE, 4 INSERT. A BEFORE row trigger, even one switched off, makes COPY insert row by row.
    const before = await client.query(
      `SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgtype & 7 = 7 AND c.relnamespace = 'public'::regnamespace`,
    );
    expect(before.rows).toEqual([]);
    const checks = await client.query(
      `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE '%\\_reversal\\_check' AND tgtype & 7 = 5 AND tgfoid = 'check_ledger_reversal'::regproc`,
    );
    expect(checks.rows[0].n).toBe(10);
  });
  it('runs the read model trigger with its own settings: hash aggregation in 64MB', async () => {
    const r = await client.query(`SELECT proconfig FROM pg_proc WHERE proname = 'maintain_position_series'`);
    expect(r.rows[0].proconfig).toEqual(['search_path=pg_catalog, public, pg_temp', 'work_mem=64MB', 'enable_sort=off']);
  });
});
