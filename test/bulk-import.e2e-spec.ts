import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { BulkImportRejected, importRows, type CopyValue } from '../libs/persistence/bulk-copy.js';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { asLedgerRole, sqlClient } from './support/fixtures.js';

/**
 * The bulk import path (what `npm run bench` loads a city's flows through): all rows or none, every
 * reference checked set-wise, a sub-fund of another FoF refused, figures of the imported flows exact.
 */
let w: TestWorld;
let c: pg.Client;
let fofA: string;
let fofB: string;
let sfA: string;
let sfB: string;

const COLUMNS = ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'flow_type', 'distribution_kind', 'flow_date', 'amount'];
const count = async (fof: string) => Number((await c.query('SELECT count(*) AS n FROM position_flows WHERE fof_id = $1', [fof])).rows[0].n);
const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function flows(n: number, fof: string, subFund: string, by: string, from = 0): CopyValue[][] {
  return Array.from({ length: n }, (_, i) => [uuid(from + i), fof, by, subFund, i % 2 ? 'DISTRIBUTION' : 'CONTRIBUTION', i % 2 ? 'GAIN' : null, '2024-03-01', i % 2 ? '0.01' : '1000.00']);
}

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  const fof = async (who: typeof w.managerA, code: string, jurisdiction: string) =>
    (await w.http.post('/fofs').set(auth(who)).send({ code, name: code, jurisdiction }).expect(201)).body.id as string;
  const sub = async (who: typeof w.managerA, fofId: string, code: string) =>
    (await w.http.post(`/fofs/${fofId}/sub-funds`).set(auth(who)).send({ code, name: code, category: 'VC', manager: 'M', firstClose: '2024-01-02', termEnd: '2034-12-31' }).expect(201)).body.id as string;
  fofA = await fof(w.managerA, 'BULK-A', 'WUHAN');
  fofB = await fof(w.managerB, 'BULK-B', 'ZHENGZHOU');
  sfA = await sub(w.managerA, fofA, 'BULK-SF-A');
  sfB = await sub(w.managerB, fofB, 'BULK-SF-B');
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('importRows', () => {
  it('imports every row in one transaction, references checked set-wise, and the figures come out exact', async () => {
    const r = await importRows(c, 'position_flows', COLUMNS, flows(2000, fofA, sfA, w.managerA.id));
    expect(r).toEqual({ rows: 2000, references: 'set-wise', indexes: 'kept' });
    expect(await count(fofA)).toBe(2000);
    // 1,000 contributions of 1,000.00 and 1,000 distributions of 0.01, all on 2024-03-01
    const p = (await w.http.get(`/fofs/${fofA}/positions?asOf=2024-12-31`).set(auth(w.managerA)).expect(200)).body;
    expect(p.subFunds[0].figures).toMatchObject({ paidIn: '1000000.00', distributed: '10.00', nav: '999990.00' });
  });

  it('refuses a row that names no sub-fund, and writes none of the batch', async () => {
    const rows = flows(500, fofA, sfA, w.managerA.id, 10_000);
    rows[377]![3] = '00000000-0000-4000-8000-00000000dead';
    const before = await count(fofA);
    const err = await importRows(c, 'position_flows', COLUMNS, rows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulkImportRejected);
    expect((err as BulkImportRejected).details).toEqual({ table: 'position_flows', column: 'sub_fund_id', references: 'sub_funds', missing: ['00000000-0000-4000-8000-00000000dead'] });
    expect((err as Error).message).toMatch(/nothing was imported/);
    expect(await count(fofA)).toBe(before);
  });

  it("refuses a sub-fund of another FoF, as the ledger API would, and writes nothing", async () => {
    const rows = [...flows(10, fofA, sfA, w.managerA.id, 20_000), ...flows(1, fofA, sfB, w.managerA.id, 20_010)];
    const before = await count(fofA);
    const err = await importRows(c, 'position_flows', COLUMNS, rows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulkImportRejected);
    expect((err as Error).message).toMatch(/sub_fund_id refers to sub_funds of another FoF/);
    expect(await count(fofA)).toBe(before);
  });

  it('refuses an unknown author and a broken CHECK, with nothing written', async () => {
    const before = await count(fofA);
    const unknownAuthor = flows(3, fofA, sfA, '00000000-0000-4000-8000-0000000000aa', 30_000);
    await expect(importRows(c, 'position_flows', COLUMNS, unknownAuthor)).rejects.toThrow(/recorded_by refers to no users row/);
    const negative = flows(3, fofA, sfA, w.managerA.id, 31_000);
    negative[1]![7] = '-5.00';
    await expect(importRows(c, 'position_flows', COLUMNS, negative)).rejects.toThrow(/CHK_position_flows_amount/);
    expect(await count(fofA)).toBe(before);
    expect(await count(fofB)).toBe(0);
  });

  it('takes no reversals: a correction goes through the ledger API', async () => {
    await expect(importRows(c, 'position_flows', [...COLUMNS, 'reverses_id'], [])).rejects.toThrow(/reversal goes through the ledger API/);
  });

  it('takes a refusal that comes while rows are still being sent, and a source that fails, and writes nothing', async () => {
    const before = await count(fofA);
    // 60,000 rows, the bad one early: PostgreSQL refuses it while the rest are still on their way.
    const rows = flows(60_000, fofA, sfA, w.managerA.id, 100_000);
    rows[10]![7] = '-5.00';
    await expect(importRows(c, 'position_flows', COLUMNS, rows)).rejects.toThrow(/CHK_position_flows_amount/);
    function* failing(): Generator<CopyValue[]> {
      yield* flows(5_000, fofA, sfA, w.managerA.id, 200_000);
      throw new Error('the source file is cut short');
    }
    await expect(importRows(c, 'position_flows', COLUMNS, failing())).rejects.toThrow(/cut short/);
    expect(await count(fofA)).toBe(before);
    // The same connection goes on working.
    expect((await importRows(c, 'position_flows', COLUMNS, flows(3, fofA, sfA, w.managerA.id, 300_000))).rows).toBe(3);
    expect(await count(fofA)).toBe(before + 3);
  });

  it('without the privilege to skip per-row checks: PostgreSQL checks each row, and another FoF is still refused', async () => {
    await asLedgerRole(w, c, 'govfof_bulk', async (plain) => {
      const before = await count(fofA);
      expect(await importRows(plain, 'position_flows', COLUMNS, flows(50, fofA, sfA, w.managerA.id, 400_000))).toEqual({ rows: 50, references: 'per-row', indexes: 'kept' });
      await expect(importRows(plain, 'position_flows', COLUMNS, flows(2, fofA, sfB, w.managerA.id, 400_100))).rejects.toThrow(/sub_funds of another FoF/);
      const unknown = flows(2, fofA, sfA, w.managerA.id, 400_200);
      unknown[1]![3] = '00000000-0000-4000-8000-00000000beef';
      await expect(importRows(plain, 'position_flows', COLUMNS, unknown)).rejects.toThrow(/foreign key/);
      expect(await count(fofA)).toBe(before + 50);
    });
  });

  it('a cash-flow stream stopped in the middle gives its connection up, and the pool keeps serving', async () => {
    const { TransactionContext } = await import('../libs/persistence/transaction-context.js');
    const { positionFlowLines } = await import('../libs/persistence/repositories/position-series.repository.js');
    await importRows(c, 'position_flows', COLUMNS, flows(30_000, fofB, sfB, w.managerB.id, 500_000));
    const tx = w.app.get(TransactionContext);
    const lines = positionFlowLines(tx, fofB, [sfB], '2030-12-31');
    const first = await lines.next();
    expect(first.done).toBe(false);
    expect((first.value as unknown[]).length).toBeLessThan(30_000); // stopped with rows still to come
    await lines.return(undefined);
    const r = await Promise.all(Array.from({ length: 25 }, (_, i) => tx.dataSource.query('SELECT $1::int AS i', [i])));
    expect(r.map((x: Array<{ i: number }>) => x[0]!.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('serves many reviews at once without running out of connections (each review may read on two)', async () => {
    const res = await Promise.all(Array.from({ length: 16 }, () => w.http.get(`/fofs/${fofA}/positions?asOf=2024-12-31`).set(auth(w.managerA))));
    expect(res.map((r) => r.status)).toEqual(Array.from({ length: 16 }, () => 200));
    expect(new Set(res.map((r) => r.body.subFunds[0].figures.paidIn)).size).toBe(1);
  }, 60_000);

  it('reads the new rows back for the check when a default fills in a reference column the import left out', async () => {
    // A table of the test's own whose reference column has a default: the rows sent never name it.
    const dead = '00000000-0000-4000-8000-00000000dead';
    await c.query(`CREATE TABLE bulk_probe (id uuid PRIMARY KEY, fof_id uuid NOT NULL REFERENCES fofs(id), sub_fund_id uuid DEFAULT '${dead}' REFERENCES sub_funds(id))`);
    try {
      const err = await importRows(c, 'bulk_probe', ['id', 'fof_id'], [[uuid(1), fofA]]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BulkImportRejected);
      expect((err as BulkImportRejected).details).toEqual({ table: 'bulk_probe', column: 'sub_fund_id', references: 'sub_funds', missing: [dead] });
      expect((await c.query('SELECT count(*)::int AS n FROM bulk_probe')).rows[0].n).toBe(0);
      // Left out with no default, the column is NULL and the rows' own references are checked.
      await c.query('ALTER TABLE bulk_probe ALTER COLUMN sub_fund_id DROP DEFAULT');
      expect((await importRows(c, 'bulk_probe', ['id', 'fof_id'], [[uuid(1), fofA]])).rows).toBe(1);
      await expect(importRows(c, 'bulk_probe', ['id', 'fof_id'], [[uuid(2), dead]])).rejects.toThrow(/fof_id refers to no fofs row/);
      // A trigger that changes a reference on its way in: the check reads what was stored.
      await c.query(`CREATE FUNCTION bulk_probe_swap() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.sub_fund_id := '${dead}'; RETURN NEW; END $$`);
      await c.query(`CREATE TRIGGER bulk_probe_swap BEFORE INSERT ON bulk_probe FOR EACH ROW EXECUTE FUNCTION bulk_probe_swap()`);
      await c.query(`ALTER TABLE bulk_probe ENABLE ALWAYS TRIGGER bulk_probe_swap`);
      await expect(importRows(c, 'bulk_probe', ['id', 'fof_id', 'sub_fund_id'], [[uuid(3), fofA, sfA]])).rejects.toThrow(/sub_fund_id refers to no sub_funds row/);
      expect((await c.query('SELECT count(*)::int AS n FROM bulk_probe')).rows[0].n).toBe(1);
    } finally {
      await c.query('DROP TABLE bulk_probe');
      await c.query('DROP FUNCTION IF EXISTS bulk_probe_swap()');
    }
  });

  it('imports rows that name none of the reference columns (all NULL): nothing to check', async () => {
    await c.query(`CREATE TABLE bulk_probe2 (id uuid PRIMARY KEY, note text, sub_fund_id uuid REFERENCES sub_funds(id))`);
    try {
      expect(await importRows(c, 'bulk_probe2', ['id', 'note'], [[uuid(1), 'a'], [uuid(2), 'b']])).toEqual({ rows: 2, references: 'set-wise', indexes: 'kept' });
    } finally {
      await c.query('DROP TABLE bulk_probe2');
    }
  });

  it('gives a statement trigger 256 MB for its transition table during the COPY (the read model of a million flows stays in memory)', async () => {
    await c.query(`CREATE TABLE bulk_probe3 (id uuid PRIMARY KEY)`);
    await c.query(`CREATE TABLE bulk_probe3_seen (work_mem bigint, rows int)`);
    try {
      await c.query(`CREATE FUNCTION bulk_probe3_seen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO bulk_probe3_seen SELECT pg_size_bytes(current_setting('work_mem')), count(*) FROM new_rows; RETURN NULL; END $$`);
      await c.query(`CREATE TRIGGER bulk_probe3_seen AFTER INSERT ON bulk_probe3 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bulk_probe3_seen()`);
      await c.query(`ALTER TABLE bulk_probe3 ENABLE ALWAYS TRIGGER bulk_probe3_seen`);
      // A session setting below the floor (a server configured higher keeps its own value).
      await c.query(`SET work_mem = '4MB'`);
      await importRows(c, 'bulk_probe3', ['id'], [[uuid(1)], [uuid(2)], [uuid(3)]]);
      expect((await c.query('SELECT work_mem::text AS work_mem, rows FROM bulk_probe3_seen')).rows).toEqual([{ work_mem: String(256 * 1024 * 1024), rows: 3 }]);
      // For the import's transaction only.
      expect((await c.query(`SELECT current_setting('work_mem') AS v`)).rows[0].v).toBe('4MB');
    } finally {
      await c.query('RESET work_mem');
      await c.query('DROP TABLE bulk_probe3, bulk_probe3_seen');
      await c.query('DROP FUNCTION IF EXISTS bulk_probe3_seen()');
    }
  });

  it('leaves the session as it found it: the append-only triggers fire again afterwards', async () => {
    await expect(c.query('DELETE FROM position_flows WHERE fof_id = $1', [fofA])).rejects.toThrow(/append-only/);
    expect((await c.query(`SELECT current_setting('session_replication_role') AS r`)).rows[0].r).toBe('origin');
  });
});

describe('importRows of a first load (expectedRows): the indexes set aside and built again by sort', () => {
  /** Every index and constraint of the table as PostgreSQL prints them. */
  const schemaOf = async (table: string) => ({
    indexes: (await c.query('SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY 1', [table])).rows,
    constraints: (await c.query('SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY 1', [table])).rows,
  });
  const total = async () => Number((await c.query('SELECT count(*) AS n FROM position_flows')).rows[0].n);

  it('rebuilds when the rows coming are at least the rows there; the table ends with the same indexes and exact figures', async () => {
    const schema = await schemaOf('position_flows');
    expect(schema.indexes.length).toBe(5);
    const there = await total();
    const sfC = (await w.http.post(`/fofs/${fofA}/sub-funds`).set(auth(w.managerA)).send({ code: 'BULK-SF-C', name: 'C', category: 'VC', manager: 'M', firstClose: '2024-01-02', termEnd: '2034-12-31' }).expect(201)).body.id as string;
    const n = there + 1001;
    const oids = async () => new Map((await c.query(`SELECT indexrelid::regclass::text AS name, indexrelid::int AS oid FROM pg_index WHERE indrelid = 'position_flows'::regclass`)).rows.map((x) => [x.name.replace(/"/g, ''), x.oid]));
    const before = await oids();
    const r = await importRows(c, 'position_flows', COLUMNS, flows(n, fofA, sfC, w.managerA.id, 600_000), { expectedRows: n });
    expect(r).toEqual({ rows: n, references: 'set-wise', indexes: 'rebuilt', readModel: 'kept-by-import' });
    expect(await schemaOf('position_flows')).toEqual(schema);
    // Built again: the primary key, (fof_id, flow_date) and the sub-fund index. Kept: the partial indexes
    // on reverses_id and direct_investment_id, which the rows coming leave NULL.
    const after = await oids();
    const same = [...before].filter(([name, oid]) => after.get(name) === oid).map(([name]) => name).sort();
    expect(same).toEqual(['IDX_556477bb96a047cb778d124fbf', 'IDX_72e3ccff803fb4b55b2ca5cf12']);
    expect(await total()).toBe(there + n);
    // Rows alternate: ceil(n/2) contributions of 1,000.00 and floor(n/2) distributions of 0.01.
    const fen = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
    const p = (await w.http.get(`/fofs/${fofA}/positions?asOf=2024-12-31`).set(auth(w.managerA)).expect(200)).body;
    const c3 = (p.subFunds as Array<{ id: string; figures: Record<string, string> }>).find((x) => x.id === sfC)!;
    expect(c3.figures).toMatchObject({ paidIn: fen(BigInt(Math.ceil(n / 2)) * 100_000n), distributed: fen(BigInt(Math.floor(n / 2))) });
    // The rebuilt primary key is in force.
    await expect(importRows(c, 'position_flows', COLUMNS, flows(1, fofA, sfC, w.managerA.id, 600_000))).rejects.toThrow(/duplicate key/);
  });

  it('keeps the indexes up row by row when the table already holds more rows than are coming', async () => {
    const there = await total();
    expect(await importRows(c, 'position_flows', COLUMNS, flows(10, fofA, sfA, w.managerA.id, 700_000), { expectedRows: 10 })).toEqual({ rows: 10, references: 'set-wise', indexes: 'kept' });
    expect(await total()).toBe(there + 10);
  });

  it('a refused first load leaves every index as it was and writes nothing: a bad reference, a duplicate id', async () => {
    const schema = await schemaOf('position_flows');
    const there = await total();
    const n = there + 10;
    const unknown = flows(n, fofA, sfA, w.managerA.id, 800_000);
    unknown[n - 1]![3] = '00000000-0000-4000-8000-00000000dead';
    await expect(importRows(c, 'position_flows', COLUMNS, unknown, { expectedRows: n })).rejects.toThrow(/no sub_funds row/);
    const twice = flows(n, fofA, sfA, w.managerA.id, 900_000);
    twice[n - 1]![0] = twice[0]![0]!;
    const dup = (await importRows(c, 'position_flows', COLUMNS, twice, { expectedRows: n }).catch((e: unknown) => e)) as Error & { detail?: string };
    expect(dup.message).toBe('could not create unique index "PK_1341a9b39d7b4a0b350e2d2ee03"');
    expect(dup.detail).toBe(`Key (id)=(${twice[0]![0]}) is duplicated.`);
    expect(await schemaOf('position_flows')).toEqual(schema);
    expect(await total()).toBe(there);
  });

  it('locks the table against readers until the load commits', async () => {
    const there = await total();
    const n = there + 10;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const copying = new Promise<void>((r) => (started = r));
    async function* slow(): AsyncGenerator<CopyValue[]> {
      const rows = flows(n, fofA, sfA, w.managerA.id, 1_000_000);
      yield rows[0]!;
      started();
      await held;
      yield* rows.slice(1);
    }
    const load = importRows(c, 'position_flows', COLUMNS, slow(), { expectedRows: n });
    await copying;
    const reader = await sqlClient(w);
    try {
      await reader.query(`SET lock_timeout = '200ms'`);
      await expect(reader.query('SELECT count(*) FROM position_flows')).rejects.toThrow(/lock timeout/);
      release();
      expect((await load).indexes).toBe('rebuilt');
      expect(Number((await reader.query('SELECT count(*) AS n FROM position_flows')).rows[0].n)).toBe(there + n);
    } finally {
      await reader.end();
    }
  });

  it('sets aside only plain indexes: the replica identity, a clustered or commented index, one a view depends on come through untouched', async () => {
    await c.query(`CREATE TABLE bulk_probe3 (id uuid PRIMARY KEY, fof_id uuid NOT NULL REFERENCES fofs(id), a int NOT NULL, b int NOT NULL, c int NOT NULL, d int NOT NULL)`);
    try {
      await c.query(`CREATE UNIQUE INDEX bulk_probe3_a ON bulk_probe3 (a)`);
      await c.query(`ALTER TABLE bulk_probe3 REPLICA IDENTITY USING INDEX bulk_probe3_a`);
      await c.query(`CREATE INDEX bulk_probe3_b ON bulk_probe3 (b)`);
      await c.query(`CLUSTER bulk_probe3 USING bulk_probe3_b`);
      await c.query(`CREATE INDEX bulk_probe3_c ON bulk_probe3 (c)`);
      await c.query(`COMMENT ON INDEX bulk_probe3_c IS '审计用'`);
      await c.query(`CREATE INDEX bulk_probe3_d ON bulk_probe3 (d)`);
      await c.query(`CREATE VIEW bulk_probe3_v AS SELECT id, a FROM bulk_probe3 GROUP BY id`); // needs the primary key
      const state = async () =>
        (
          await c.query(
            `SELECT i.relname, x.indexrelid::int AS oid, x.indisreplident, x.indisclustered, obj_description(x.indexrelid, 'pg_class') AS comment
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'bulk_probe3'::regclass ORDER BY 1`,
          )
        ).rows as Array<{ relname: string; oid: number }>;
      const before = await state();
      const rows = Array.from({ length: 100 }, (_, i) => [uuid(i), fofA, i, i, i, i] as CopyValue[]);
      expect((await importRows(c, 'bulk_probe3', ['id', 'fof_id', 'a', 'b', 'c', 'd'], rows, { expectedRows: 100 })).indexes).toBe('rebuilt');
      const after = await state();
      // Everything as it was; only the plain index on d was built again (a new oid).
      expect(after.map(({ oid: _o, ...rest }) => rest)).toEqual(before.map(({ oid: _o, ...rest }) => rest));
      expect(after.filter((x, i) => x.oid !== before[i]!.oid).map((x) => x.relname)).toEqual(['bulk_probe3_d']);
      expect((await c.query('SELECT count(*)::int AS n FROM bulk_probe3_v')).rows[0].n).toBe(100);
    } finally {
      await c.query('DROP TABLE bulk_probe3 CASCADE');
    }
  });

  it('gives up the rebuild and keeps the indexes when readers hold the table past lockTimeoutMs', async () => {
    const reader = await sqlClient(w);
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM position_flows'); // holds ACCESS SHARE until it ends
      const n = (await total()) + 5;
      const r = await importRows(c, 'position_flows', COLUMNS, flows(n, fofA, sfA, w.managerA.id, 5_000_000), { expectedRows: n, lockTimeoutMs: 300 });
      expect(r).toEqual({ rows: n, references: 'set-wise', indexes: 'kept' });
      // The caller's own setting is back.
      expect((await c.query(`SELECT current_setting('lock_timeout') AS v`)).rows[0].v).toBe('0');
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }
  });

  it('keeps the indexes up row by row for a role that does not own the table', async () => {
    await asLedgerRole(w, c, 'govfof_first', async (plain) => {
      const n = (await total()) + 5;
      expect(await importRows(plain, 'position_flows', COLUMNS, flows(n, fofA, sfA, w.managerA.id, 1_100_000), { expectedRows: n })).toEqual({ rows: n, references: 'per-row', indexes: 'kept' });
    });
  });
});

describe('importRows of a first load keeps the flows read model from its own rows', () => {
  const subFund = async (code: string) =>
    (await w.http.post(`/fofs/${fofA}/sub-funds`).set(auth(w.managerA)).send({ code, name: code, category: 'VC', manager: 'M', firstClose: '2024-01-02', termEnd: '2034-12-31' }).expect(201)).body
      .id as string;
  const model = async (position: string) =>
    (await c.query(`SELECT encode(entries, 'hex') AS entries, big_days::text AS days, big_amounts::text AS amounts FROM position_series WHERE position_id = $1`, [position])).rows[0] as
      | { entries: string; days: string; amounts: string }
      | undefined;
  const trigger = async () => (await c.query(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'position_flows_series'`)).rows[0].tgenabled as string;
  const everyRows = async () => Number((await c.query('SELECT count(*) AS n FROM position_flows')).rows[0].n);
  /** Every amount form, the int8 boundary and beyond it, dates either side of 1970, both flow types. */
  function varied(subFund: string, from: number): CopyValue[][] {
    const amounts = ['1000.00', '0.01', '5', '5.5', '+7.25', '0007.10', '9999999999999.99', '12345678901234.56', '92233720368547758.07', '92233720368547758.08', '999999999999999999.99'];
    const dates = ['1969-12-31', '1970-01-01', '2000-02-29', '2024-03-01'];
    const rows: CopyValue[][] = [];
    for (const d of dates) for (const a of amounts) for (const contribution of [true, false]) {
      rows.push([uuid(from + rows.length), fofA, w.managerA.id, subFund, contribution ? 'CONTRIBUTION' : 'DISTRIBUTION', contribution ? null : 'INCOME', d, a]);
    }
    return rows;
  }

  it('appends to each position the very entries its trigger appends for the same rows, and puts the trigger back as it was', async () => {
    const fed = await subFund('BULK-SF-FED');
    const triggered = await subFund('BULK-SF-TRIG');
    // Both positions already have entries (kept by the trigger): the import appends to them.
    await importRows(c, 'position_flows', COLUMNS, flows(3, fofA, fed, w.managerA.id, 2_000_000));
    await importRows(c, 'position_flows', COLUMNS, flows(3, fofA, triggered, w.managerA.id, 2_100_000));
    expect(await trigger()).toBe('A');
    // The same rows, one position's through a first load (the table's count as expectedRows makes it
    // one), the other's through a plain import, where the trigger keeps the model.
    const a = await importRows(c, 'position_flows', COLUMNS, varied(fed, 2_200_000), { expectedRows: await everyRows() });
    expect(a).toEqual({ rows: 88, references: 'set-wise', indexes: 'rebuilt', readModel: 'kept-by-import' });
    const b = await importRows(c, 'position_flows', COLUMNS, varied(triggered, 2_300_000));
    expect(b).toEqual({ rows: 88, references: 'set-wise', indexes: 'kept' });
    expect(await trigger()).toBe('A');
    const m = (await model(fed))!;
    expect(m).toEqual(await model(triggered));
    // 3 + 4 dates x 9 amounts x 2 types in entries; the 2 amounts beyond int8 fen, 8 times each, in the arrays.
    expect(m.entries.length).toBe(2 * 12 * (3 + 72));
    expect(m.days).toBe(`{${['-1', '-1', '-1', '-1', '0', '0', '0', '0', '11016', '11016', '11016', '11016', '19783', '19783', '19783', '19783'].join(',')}}`);
    expect(m.amounts).toBe(
      `{${['1969-12-31', '1970-01-01', '2000-02-29', '2024-03-01'].flatMap(() => ['-92233720368547758.08', '92233720368547758.08', '-999999999999999999.99', '999999999999999999.99']).join(',')}}`,
    );
    // The figures read from the model: paid-in and distributed of the 88 rows and the 3 before them
    // (2 contributions of 1,000.00, 1 distribution of 0.01), exact.
    const p = (await w.http.get(`/fofs/${fofA}/positions?asOf=2024-12-31`).set(auth(w.managerA)).expect(200)).body;
    const figures = (id: string) => (p.subFunds as Array<{ id: string; figures: Record<string, string> }>).find((x) => x.id === id)!.figures;
    // Per date the eleven amounts sum to 1000.00 + 0.01 + 5 + 5.5 + 7.25 + 7.10 + 9999999999999.99 +
    // 12345678901234.56 + 92233720368547758.07 + 92233720368547758.08 + 999999999999999999.99
    // = 1184489786415997775.55, once as contributions and once as distributions; four dates, and the 3
    // rows before: 4 x 1184489786415997775.55 + 2000.00 paid in, + 0.01 distributed.
    expect(figures(fed)).toMatchObject({ paidIn: '4737959145663993102.20', distributed: '4737959145663991102.21' });
    expect(figures(fed)).toMatchObject({ paidIn: figures(triggered).paidIn, distributed: figures(triggered).distributed });
  });

  it('keeps a position written in several spellings, and direct investments, exactly as the trigger does', async () => {
    const withDi = ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'direct_investment_id', 'flow_type', 'distribution_kind', 'flow_date', 'amount'];
    const direct = async (code: string) =>
      (
        await w.http
          .post(`/fofs/${fofA}/direct-investments`)
          .set(auth(w.managerA))
          .send({ code, projectName: code, stage: 'GROWTH', isTech: true, decisionDate: '2023-08-01', commitment: '5000000.00' })
          .expect(201)
      ).body.id as string;
    const [sf1, sf2, di1, di2] = [await subFund('BULK-SF-SPELL-1'), await subFund('BULK-SF-SPELL-2'), await direct('BULK-DI-1'), await direct('BULK-DI-2')];
    // Interleaved in date order: the sub-fund as stored, in upper case and in braces, and the direct investment.
    const rows = (sf: string, di: string, from: number): CopyValue[][] =>
      Array.from({ length: 40 }, (_, i) => {
        const spelled = [sf, sf.toUpperCase(), `{${sf}}`][i % 3]!;
        const onDirect = i % 4 === 3;
        return [uuid(from + i), fofA, w.managerA.id, onDirect ? null : spelled, onDirect ? di : null, i % 2 ? 'DISTRIBUTION' : 'CONTRIBUTION', i % 2 ? 'GAIN' : null, `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, `${100 + i}.${String(i).padStart(2, '0')}`];
      });
    const a = await importRows(c, 'position_flows', withDi, rows(sf1, di1, 2_600_000), { expectedRows: await everyRows() });
    expect(a.readModel).toBe('kept-by-import');
    await importRows(c, 'position_flows', withDi, rows(sf2, di2, 2_700_000));
    expect(await model(sf1)).toEqual(await model(sf2));
    expect(await model(di1)).toEqual(await model(di2));
    expect((await model(sf1))!.entries.length).toBe(2 * 12 * 30);
    expect((await model(di1))!.entries.length).toBe(2 * 12 * 10);
  });

  it('leaves the model to its trigger when the rows go as text (a column without a binary encoder)', async () => {
    const sf = await subFund('BULK-SF-TEXT');
    const rows = flows(20, fofA, sf, w.managerA.id, 2_800_000).map((r) => [...r, '2024-03-01 08:00:00+08']);
    const r = await importRows(c, 'position_flows', [...COLUMNS, 'recorded_at'], rows, { expectedRows: await everyRows() });
    expect(r).toEqual({ rows: 20, references: 'set-wise', indexes: 'rebuilt' });
    // 10 contributions of 1,000.00 (-100000 fen) and 10 distributions of 0.01 (1 fen), kept by the trigger.
    const m = (await model(sf))!;
    expect(m.entries.length).toBe(2 * 12 * 20);
    expect(m.entries.slice(8, 24)).toBe('fffffffffffe7960');
    expect(m.entries.slice(32, 48)).toBe('0000000000000001');
    expect(await trigger()).toBe('A');
  });

  it('a first load refused after it wrote the model (a duplicate id, found when the primary key is built) leaves model and trigger as they were', async () => {
    const fed = await subFund('BULK-SF-FED-3');
    await importRows(c, 'position_flows', COLUMNS, flows(3, fofA, fed, w.managerA.id, 2_900_000));
    const before = await model(fed);
    const rows = varied(fed, 3_000_000);
    rows[rows.length - 1]![0] = rows[0]![0]!;
    await expect(importRows(c, 'position_flows', COLUMNS, rows, { expectedRows: await everyRows() })).rejects.toThrow(/could not create unique index/);
    expect(await model(fed)).toEqual(before);
    expect(await trigger()).toBe('A');
  });

  it('a refused first load leaves the model and the trigger as they were', async () => {
    const fed = await subFund('BULK-SF-FED-2');
    await importRows(c, 'position_flows', COLUMNS, flows(3, fofA, fed, w.managerA.id, 2_400_000));
    const before = await model(fed);
    const rows = varied(fed, 2_500_000);
    rows[rows.length - 1]![7] = '-1.00'; // CHK_position_flows_amount
    await expect(importRows(c, 'position_flows', COLUMNS, rows, { expectedRows: await everyRows() })).rejects.toThrow(/CHK_position_flows_amount/);
    expect(await model(fed)).toEqual(before);
    expect(await trigger()).toBe('A');
  });
});

