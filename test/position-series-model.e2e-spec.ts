import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type pg from 'pg';
import { PositionSeriesRepository } from '../libs/persistence/repositories/position-series.repository.js';
import { importRows } from '../libs/persistence/bulk-copy.js';
import { PositionSeriesReadModel1764316800006 } from '../migrations/1764316800006-position-series-read-model.js';
import { BatchedLedgerInserts1764316800007 } from '../migrations/1764316800007-batched-ledger-inserts.js';
import type { QueryRunner } from 'typeorm';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { asLedgerRole, buildFof, sqlClient } from './support/fixtures.js';

/**
 * The position_series read model (migration 0006): the database keeps one row per position with its
 * flows in force, and a review as of any date reads it instead of aggregating the flows. It must say
 * exactly what the flows say, whatever was inserted, reversed, in one statement or many, by several
 * writers at once, or through the bulk import.
 */
let w: TestWorld;
let c: pg.Client;
let repo: PositionSeriesRepository;
let fofId: string;
let user: string;

/** A moment after everything: "as known then" reads the flows themselves (the path the model replaces). */
const LATER = new Date('2999-01-01T00:00:00Z');

interface Flow {
  id: string;
  pos: string;
  date: string;
  contribution: boolean;
  amount: string;
  /** The position is a direct investment (else a sub-fund). */
  direct?: boolean;
}

/** Inserts flows and reversals in ONE statement; a reversal copies its original's columns, as the API does. */
async function insert(client: pg.ClientBase, rows: Array<Flow & { reverses?: string }>): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    const p = (v: unknown) => `$${values.push(v)}`;
    return `(${p(r.id)}::uuid, ${p(fofId)}::uuid, ${p(user)}::uuid, ${p(r.direct ? null : r.pos)}::uuid, ${p(r.direct ? r.pos : null)}::uuid, ${p(r.contribution ? 'CONTRIBUTION' : 'DISTRIBUTION')}, ${p(r.contribution ? null : 'GAIN')}, ${p(r.date)}::date, ${p(r.amount)}::numeric, ${p(r.reverses ?? null)}::uuid, ${p(r.reverses ? '冲正测试' : null)})`;
  });
  await client.query(
    `INSERT INTO position_flows (id, fof_id, recorded_by, sub_fund_id, direct_investment_id, flow_type, distribution_kind, flow_date, amount, reverses_id, reason) VALUES ${tuples.join(', ')}`,
    values,
  );
}

async function subFunds(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    await c.query(
      `INSERT INTO sub_funds (id, fof_id, code, name, category, manager, first_close, term_end, created_by) VALUES ($1, $2, $3, '读模型测试', 'VC', 'M', '2024-01-01', '2034-12-31', $4)`,
      [id, fofId, `RM-${id.slice(0, 8)}`, user],
    );
    ids.push(id);
  }
  return ids;
}

async function directInvestments(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    await c.query(
      `INSERT INTO direct_investments (id, fof_id, code, project_name, stage, is_tech, decision_date, commitment, created_by) VALUES ($1, $2, $3, '读模型直投', 'SEED', true, '1960-01-01', '1000000.00', $4)`,
      [id, fofId, `RD-${id.slice(0, 8)}`, user],
    );
    ids.push(id);
  }
  return ids;
}

/** The model's entries of a position as sorted "day amount kind" strings, unpacked in SQL (12 bytes each: int4 day, int8 signed fen). */
async function modelEntries(pos: string): Promise<string[]> {
  const r = await c.query(
    `WITH e AS (
       SELECT ('x' || encode(substr(s.entries, 12 * i + 1, 4), 'hex'))::bit(32)::int AS d,
              ('x' || encode(substr(s.entries, 12 * i + 5, 8), 'hex'))::bit(64)::bigint::numeric * 0.01 AS a
         FROM position_series s, generate_series(0, length(s.entries) / 12 - 1) AS i WHERE s.position_id = $1
       UNION ALL
       SELECT d, a FROM position_series s, unnest(s.big_days, s.big_amounts) AS u(d, a) WHERE s.position_id = $1)
     SELECT (DATE '1970-01-01' + d)::text || ' ' || abs(a)::numeric(20,2)::text || ' ' || CASE WHEN a < 0 THEN 'C' ELSE 'D' END AS e FROM e`,
    [pos],
  );
  return r.rows.map((x: { e: string }) => x.e).sort();
}

/** What the model should hold, written independently: the flows not reversed and not reversals. */
async function activeEntries(pos: string): Promise<string[]> {
  const r = await c.query(
    `SELECT t.flow_date::text || ' ' || t.amount::text || ' ' || CASE WHEN t.flow_type = 'CONTRIBUTION' THEN 'C' ELSE 'D' END AS e
       FROM position_flows t
      WHERE coalesce(t.sub_fund_id, t.direct_investment_id) = $1 AND t.reverses_id IS NULL AND t.id NOT IN (SELECT reverses_id FROM position_flows WHERE reverses_id IS NOT NULL)`,
    [pos],
  );
  return r.rows.map((x: { e: string }) => x.e).sort();
}

/** A comparable picture of series() for some positions. */
async function seriesOf(asOf: string, knownAt?: Date, positions?: string[]) {
  const { series, yearly } = await repo.series(fofId, asOf, knownAt);
  const pick = (id: string) => {
    const s = series.get(id);
    return s ? { paidIn: s.paidIn.toFixed(2), distributed: s.distributed.toFixed(2), nav: s.nav.toFixed(2), days: [...s.days], fen: Array.from(s.fen, String), flowCount: s.flowCount } : null;
  };
  const ids = positions ?? [...series.keys()];
  return {
    series: Object.fromEntries(ids.map((id) => [id, pick(id)])),
    yearly: yearly.filter((y) => ids.includes(y.positionId)).map((y) => `${y.positionId} ${y.year} ${y.amount}`).sort(),
  };
}

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  repo = w.app.get(PositionSeriesRepository);
  fofId = (await buildFof(w, 'RM')).fofId;
  user = w.managerA.id;
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('position_series read model', () => {
  it('holds each active flow once: a reversal takes out one of two identical flows, not both', async () => {
    const [sf] = await subFunds(1);
    const f = (id: string, amount: string, contribution = true): Flow => ({ id, pos: sf!, date: '2024-05-06', contribution, amount });
    const a = randomUUID();
    const b = randomUUID();
    await insert(c, [f(a, '100.00'), f(b, '100.00'), f(randomUUID(), '7.50', false)]);
    await insert(c, [{ ...f(randomUUID(), '100.00'), reverses: a }]);
    expect(await modelEntries(sf!)).toEqual(['2024-05-06 100.00 C', '2024-05-06 7.50 D']);
    // paid-in 100.00, distributed 7.50; one day, net −92.50 (−9,250 fen); two flows in force
    const s = (await seriesOf('2024-12-31', undefined, [sf!])).series[sf!];
    expect(s).toEqual({ paidIn: '100.00', distributed: '7.50', nav: '92.50', days: [19849], fen: ['-9250'], flowCount: 2 });
  });

  it('keeps amounts beyond int8 fen exactly (numeric(20,2) allows up to 10^18 yuan), and reverses them', async () => {
    const [sf] = await subFunds(1);
    const f = (amount: string, contribution: boolean, date = '2024-08-01'): Flow => ({ id: randomUUID(), pos: sf!, date, contribution, amount });
    // the largest amount packed as int8 fen, the smallest one beyond, and the column's largest
    const edge = f('92233720368547758.07', true);
    const beyond = f('92233720368547758.08', true);
    const huge = f('999999999999999999.99', false, '2024-09-01');
    const twin = f('999999999999999999.99', false, '2024-09-01');
    await insert(c, [edge, beyond, huge, twin, f('0.01', false)]);
    await insert(c, [{ ...huge, id: randomUUID(), reverses: huge.id }]);
    expect(await modelEntries(sf!)).toEqual(['2024-08-01 0.01 D', '2024-08-01 92233720368547758.07 C', '2024-08-01 92233720368547758.08 C', '2024-09-01 999999999999999999.99 D']);
    expect(await modelEntries(sf!)).toEqual(await activeEntries(sf!));
    // paid-in 184,467,440,737,095,516.15; distributed 999,999,999,999,999,999.99 + 0.01
    const s = (await seriesOf('2024-12-31', undefined, [sf!])).series[sf!];
    expect(s).toMatchObject({ paidIn: '184467440737095516.15', distributed: '1000000000000000000.00', days: [19936, 19967], fen: ['-18446744073709551614', '99999999999999999999'], flowCount: 4 });
    expect(await seriesOf('2024-12-31', undefined, [sf!])).toEqual(await seriesOf('2024-12-31', LATER, [sf!]));
  });

  it('an original and its reversal in one statement leave nothing; reversing every flow leaves empty arrays', async () => {
    const [sf] = await subFunds(1);
    const a = randomUUID();
    const b = randomUUID();
    const x: Flow = { id: a, pos: sf!, date: '2024-02-01', contribution: true, amount: '5000.00' };
    await insert(c, [x, { ...x, id: randomUUID(), reverses: a }]);
    expect(await modelEntries(sf!)).toEqual([]);
    await insert(c, [{ id: b, pos: sf!, date: '2024-03-01', contribution: false, amount: '1.00' }]);
    await insert(c, [{ id: randomUUID(), pos: sf!, date: '2024-03-01', contribution: false, amount: '1.00', reverses: b }]);
    const row = (await c.query('SELECT length(entries) AS bytes, big_days, big_amounts FROM position_series WHERE position_id = $1', [sf])).rows[0];
    expect(row).toEqual({ bytes: 0, big_days: [], big_amounts: [] });
    expect((await seriesOf('2024-12-31', undefined, [sf!])).series[sf!]).toBeNull();
  });

  it('says exactly what the flows say, for any inserts and reversals in any statements and any as-of date (fast-check)', async () => {
    const op = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('flow' as const),
          pos: fc.nat(3),
          // from 1960 (day numbers below zero) to 2027
          day: fc.oneof(fc.nat(800), fc.integer({ min: -23_000, max: 1_200 })),
          contribution: fc.boolean(),
          // duplicates on purpose (small amounts repeat often); then up to 10^12 yuan and 2^53 fen, and beyond int8 fen
          fen: fc.oneof(
            fc.bigInt({ min: 1n, max: 5_000n }),
            fc.bigInt({ min: 1n, max: 9_000_000_000_000n }),
            fc.bigInt({ min: 10n ** 13n, max: 2n ** 54n }),
            fc.bigInt({ min: 2n ** 62n, max: 10n ** 20n - 1n }),
          ),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(900), { minLength: 1, maxLength: 3 }), async (statements, asOfDays) => {
        // three sub-funds and a direct investment
        const positions = [...(await subFunds(3)), ...(await directInvestments(1))];
        const open: Flow[] = [];
        for (const st of statements) {
          const rows: Array<Flow & { reverses?: string }> = [];
          for (const o of st) {
            if (o.kind === 'flow') {
              const f: Flow = {
                id: randomUUID(),
                pos: positions[o.pos]!,
                direct: o.pos === 3,
                date: new Date(Date.UTC(2024, 0, 1) + o.day * 86_400_000).toISOString().slice(0, 10),
                contribution: o.contribution,
                amount: `${o.fen / 100n}.${String(o.fen % 100n).padStart(2, '0')}`,
              };
              rows.push(f);
              open.push(f);
            } else if (open.length > 0) {
              const [original] = open.splice(o.pick % open.length, 1);
              rows.push({ ...original!, id: randomUUID(), reverses: original!.id });
            }
          }
          await insert(c, rows);
        }
        for (const p of positions) expect(await modelEntries(p)).toEqual(await activeEntries(p));
        for (const d of asOfDays) {
          const asOf = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
          expect(await seriesOf(asOf, undefined, positions)).toEqual(await seriesOf(asOf, LATER, positions));
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('two writers of one position at once: each appends to what the other committed', async () => {
    const [sf] = await subFunds(1);
    const c2 = await sqlClient(w);
    try {
      await c.query('BEGIN');
      await insert(c, [{ id: randomUUID(), pos: sf!, date: '2024-06-01', contribution: true, amount: '10.00' }]);
      await c2.query('BEGIN');
      // waits for the first writer's row lock on the model row
      const second = insert(c2, [{ id: randomUUID(), pos: sf!, date: '2024-06-02', contribution: true, amount: '20.00' }]);
      await new Promise((r) => setTimeout(r, 100));
      await c.query('COMMIT');
      await second;
      await c2.query('COMMIT');
    } finally {
      await c2.end();
    }
    expect(await modelEntries(sf!)).toEqual(['2024-06-01 10.00 C', '2024-06-02 20.00 C']);
  });

  it('follows a bulk import (the trigger fires under session_replication_role = replica too), and a failed import leaves it unchanged', async () => {
    const [sf] = await subFunds(1);
    const cols = ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'flow_type', 'distribution_kind', 'flow_date', 'amount'];
    const rows = Array.from({ length: 3000 }, (_, i) => [randomUUID(), fofId, user, sf!, i % 3 ? 'CONTRIBUTION' : 'DISTRIBUTION', i % 3 ? null : 'INCOME', '2024-07-01', '0.03']);
    expect(await importRows(c, 'position_flows', cols, rows)).toEqual({ rows: 3000, references: 'set-wise', indexes: 'kept' });
    // 2,000 contributions and 1,000 distributions of 0.03
    expect((await seriesOf('2024-12-31', undefined, [sf!])).series[sf!]).toMatchObject({ paidIn: '60.00', distributed: '30.00', flowCount: 3000 });
    const bad = rows.map((r) => [randomUUID(), ...r.slice(1)]);
    bad[2999]![7] = '-1.00';
    await expect(importRows(c, 'position_flows', cols, bad)).rejects.toThrow();
    expect((await modelEntries(sf!)).length).toBe(3000);
    // refused after the COPY, when the trigger has already appended: an unknown sub-fund, found set-wise
    const ghost = randomUUID();
    const late = rows.slice(0, 500).map((r) => [randomUUID(), ...r.slice(1)]);
    late[499]![3] = ghost;
    await expect(importRows(c, 'position_flows', cols, late)).rejects.toThrow(/no sub_funds row/);
    expect((await modelEntries(sf!)).length).toBe(3000);
    expect((await c.query('SELECT 1 FROM position_series WHERE position_id = $1', [ghost])).rowCount).toBe(0);
  });

  it('cannot be written through its trigger function by anyone else: no EXECUTE for other roles, no other table', async () => {
    // a role that may read and insert ledger rows, as an application's role would
    await asLedgerRole(w, c, 'rm_intruder', async (intruder) => {
      await intruder.query(`CREATE TEMP TABLE fake (LIKE position_flows)`);
      await expect(intruder.query(`CREATE TRIGGER fake_series AFTER INSERT ON fake REFERENCING NEW TABLE AS new_flows FOR EACH STATEMENT EXECUTE FUNCTION maintain_position_series()`)).rejects.toThrow(/permission denied/);
    });
    // even the owner cannot point it at another table
    await c.query(`CREATE TEMP TABLE other_flows (LIKE position_flows)`);
    await c.query(`CREATE TRIGGER other_series AFTER INSERT ON other_flows REFERENCING NEW TABLE AS new_flows FOR EACH STATEMENT EXECUTE FUNCTION maintain_position_series()`);
    await expect(c.query(`INSERT INTO other_flows SELECT * FROM position_flows LIMIT 1`)).rejects.toThrow(/position_flows only/);
    await c.query(`DROP TABLE other_flows`);
  });

  it('is rebuilt from the flows by its migration (down, then up, with the later trigger migration undone and redone around it): the same entries for every position (runs last)', async () => {
    const positions = (await c.query('SELECT DISTINCT sub_fund_id AS id FROM position_flows WHERE sub_fund_id IS NOT NULL')).rows.map((r: { id: string }) => r.id);
    expect(positions.length).toBeGreaterThan(50);
    const before = await Promise.all(positions.map(modelEntries));
    const runner = { query: (sql: string) => c.query(sql) } as unknown as QueryRunner;
    const m = new PositionSeriesReadModel1764316800006();
    const batched = new BatchedLedgerInserts1764316800007();
    await c.query('BEGIN');
    await batched.down(runner);
    await m.down(runner);
    await m.up(runner);
    await batched.up(runner);
    await c.query('COMMIT');
    const after = await Promise.all(positions.map(modelEntries));
    expect(after).toEqual(before);
    for (let i = 0; i < positions.length; i += 17) expect(after[i]).toEqual(await activeEntries(positions[i]!));
    const settings = await c.query(`SELECT proconfig FROM pg_proc WHERE proname = 'maintain_position_series'`);
    expect(settings.rows[0].proconfig).toEqual(['search_path=pg_catalog, public, pg_temp', 'work_mem=64MB', 'enable_sort=off']);
  });
});
