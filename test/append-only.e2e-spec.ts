import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { LEDGER_KINDS, TABLE, buildFof, countRows, createRow, sqlClient, type FofFixture, type Kind } from './support/fixtures.js';

/**
 * Issue 2 §4: the database itself keeps the ledger append-only (raw SQL UPDATE, DELETE and TRUNCATE are
 * refused), and only well-formed reversals may be inserted. Over HTTP a row is reversed once, the list says
 * what reversed it, and every mutation left an audit row.
 */

let w: TestWorld;
let c: pg.Client;
/** Rows the raw SQL tests work on (no HTTP mutation on it after it is built). */
let S: FofFixture;
/** Rows the HTTP tests reverse; its audit trail is compared with the mutations made over HTTP. */
let H: FofFixture;
let otherFofId: string;

const snapshot = async (table: string, id: string | number) =>
  (await c.query(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE id = $1`, [id])).rows[0]?.row as Record<string, unknown> | undefined;

/** Inserts a copy of row `id` of `table` with some columns overridden: the generic shape of a reversal written by hand. */
const insertCopy = (table: string, id: string, override: Record<string, unknown>) =>
  c.query(`INSERT INTO "${table}" SELECT (jsonb_populate_record(NULL::"${table}", to_jsonb(o) || $2::jsonb)).* FROM "${table}" o WHERE o.id = $1`, [
    id,
    JSON.stringify({ id: crypto.randomUUID(), ...override }),
  ]);

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  S = await buildFof(w, 'AO-SQL');
  H = await buildFof(w, 'AO-HTTP');
  otherFofId = (await w.http.post('/fofs').set(auth(w.managerA)).send({ code: 'AO-OTHER', name: '另一母基金', jurisdiction: 'WUHAN' }).expect(201)).body.id;
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('raw SQL cannot change or remove ledger rows', () => {
  const targets: Array<[table: string, id: () => Promise<string | number>]> = [
    ...LEDGER_KINDS.map((k) => [TABLE[k], async () => S.rows[k]] as [string, () => Promise<string>]),
    ['audit_log', async () => (await c.query(`SELECT max(id) AS id FROM audit_log WHERE fof_id = $1`, [S.fofId])).rows[0].id as string],
  ];

  for (const [table, idOf] of targets) {
    it(`${table}: UPDATE, DELETE and TRUNCATE … CASCADE are refused as append-only; the row is unchanged`, async () => {
      const id = await idOf();
      const before = await snapshot(table, id);
      expect(before).toBeDefined();
      const count = await countRows(c, table);
      const column = table === 'audit_log' ? 'action' : 'reason';
      await expect(c.query(`UPDATE "${table}" SET ${column} = 'tampered' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(c.query(`UPDATE "${table}" SET fof_id = fof_id`)).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM "${table}" WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM "${table}"`)).rejects.toThrow(/append-only/);
      await expect(c.query(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(/append-only/);
      expect(await snapshot(table, id)).toEqual(before);
      expect(await countRows(c, table)).toBe(count);
    });
  }

  it('TRUNCATE of several ledger tables at once is refused too', async () => {
    const before = await countRows(c, 'position_flows');
    await expect(c.query(`TRUNCATE position_flows, valuations`)).rejects.toThrow(/append-only/);
    expect(await countRows(c, 'position_flows')).toBe(before);
  });
});

describe('the reversal trigger refuses malformed reversals written with raw SQL', () => {
  /** A row of a different table, for each kind. */
  const elsewhere = (k: Kind): Kind => LEDGER_KINDS[(LEDGER_KINDS.indexOf(k) + 1) % LEDGER_KINDS.length]!;

  for (const kind of LEDGER_KINDS) {
    const table = TABLE[kind];
    it(`${table}: reversals pointing elsewhere, without reason, or of a reversal are refused; a well-formed one is accepted once`, async () => {
      const id = S.rows[kind];
      const count = await countRows(c, table);
      await expect(insertCopy(table, id, { reverses_id: S.rows[elsewhere(kind)], reason: '错误' })).rejects.toThrow(/not a row of that table/);
      await expect(insertCopy(table, id, { reverses_id: crypto.randomUUID(), reason: '错误' })).rejects.toThrow(/not a row of that table/);
      await expect(insertCopy(table, id, { reverses_id: id, reason: '错误', fof_id: otherFofId })).rejects.toThrow(/another FoF/);
      await expect(insertCopy(table, id, { reverses_id: id, reason: null })).rejects.toThrow(/needs a reason/);
      await expect(insertCopy(table, id, { reverses_id: id, reason: '   ' })).rejects.toThrow(/needs a reason/);
      expect(await countRows(c, table)).toBe(count);

      const reversalId = crypto.randomUUID();
      await insertCopy(table, id, { id: reversalId, reverses_id: id, reason: '冲销' });
      expect(await countRows(c, table)).toBe(count + 1);
      await expect(insertCopy(table, reversalId, { reverses_id: reversalId, reason: '冲销冲销' })).rejects.toThrow(/cannot itself be reversed/);
      await expect(insertCopy(table, id, { reverses_id: id, reason: '再冲销' })).rejects.toThrow(/duplicate key/);
      expect(await countRows(c, table)).toBe(count + 1);
    });
  }
});

interface Mutation {
  action: string;
  entity: string;
  entityId: string;
}
const mutations: Mutation[] = [];

describe('reversals over HTTP', () => {
  for (const kind of LEDGER_KINDS) {
    it(`${kind}: a reversal copies the original with reversesId and reason; a second one is 409; the list shows reversedBy`, async () => {
      const h = auth(w.managerA);
      const original = (await w.http.get(`/fofs/${H.fofId}/${kind}/${H.rows[kind]}`).set(h).expect(200)).body;
      expect(original.reversedBy).toBeNull();

      const res = await w.http.post(`/fofs/${H.fofId}/${kind}/${H.rows[kind]}/reversal`).set(h).send({ reason: '金额录入错误，冲销后重新录入' });
      expect(res.status).toBe(201);
      mutations.push({ action: 'REVERSE', entity: kind, entityId: res.body.id });
      const { id: _i, recordedAt: _r, recordedBy: _b, reversesId: _v, reason: _n, reversedBy: _y, ...business } = original;
      expect(res.body).toEqual({
        ...business,
        id: expect.any(String),
        recordedAt: expect.any(String),
        recordedBy: w.managerA.id,
        reversesId: H.rows[kind],
        reason: '金额录入错误，冲销后重新录入',
        reversedBy: null,
      });

      const count = await countRows(c, TABLE[kind]);
      const again = await w.http.post(`/fofs/${H.fofId}/${kind}/${H.rows[kind]}/reversal`).set(h).send({ reason: '再次冲销' });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
      expect(await countRows(c, TABLE[kind])).toBe(count);

      const list = await w.http.get(`/fofs/${H.fofId}/${kind}?pageSize=500`).set(auth(w.reviewerA)).expect(200);
      const byId = new Map((list.body.items as Array<{ id: string; reversedBy: string | null; reversesId: string | null }>).map((r) => [r.id, r]));
      expect(byId.get(H.rows[kind])).toEqual(expect.objectContaining({ reversedBy: res.body.id, reversesId: null }));
      expect(byId.get(res.body.id)).toEqual(expect.objectContaining({ reversedBy: null, reversesId: H.rows[kind] }));
      expect((await w.http.get(`/fofs/${H.fofId}/${kind}/${H.rows[kind]}`).set(h).expect(200)).body.reversedBy).toBe(res.body.id);
    });
  }

  it('a reversal of a reversal is refused (4xx, not 500) and writes nothing', async () => {
    const h = auth(w.managerA);
    const id = await createRow(w, 'flows', H);
    mutations.push({ action: 'CREATE', entity: 'flows', entityId: id });
    const rev = await w.http.post(`/fofs/${H.fofId}/flows/${id}/reversal`).set(h).send({ reason: '冲销' }).expect(201);
    mutations.push({ action: 'REVERSE', entity: 'flows', entityId: rev.body.id });
    const count = await countRows(c, 'position_flows');
    const res = await w.http.post(`/fofs/${H.fofId}/flows/${rev.body.id}/reversal`).set(h).send({ reason: '冲销的冲销' });
    expect([400, 409]).toContain(res.status);
    expect(await countRows(c, 'position_flows')).toBe(count);
  });

  it('reversing an id that does not exist is 404', async () => {
    const res = await w.http.post(`/fofs/${H.fofId}/valuations/${crypto.randomUUID()}/reversal`).set(auth(w.managerA)).send({ reason: '冲销' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('audit trail of the FoF', () => {
  it('every mutation over HTTP wrote exactly one audit row, readable by the jurisdiction’s reviewer', async () => {
    const res = await w.http.patch(`/fofs/${H.fofId}/strict-mode`).set(auth(w.managerA)).send({ strictMode: false }).expect(200);
    expect(res.body.strictMode).toBe(false);
    const expected: Mutation[] = [
      { action: 'CREATE', entity: 'fof', entityId: H.fofId },
      { action: 'CREATE', entity: 'sub-fund', entityId: H.subFundId },
      { action: 'CREATE', entity: 'direct-investment', entityId: H.directInvestmentId },
      ...LEDGER_KINDS.map((k) => ({ action: 'CREATE', entity: k, entityId: H.rows[k] })),
      ...mutations,
      { action: 'UPDATE', entity: 'fof', entityId: H.fofId },
    ];

    const audit = await w.http.get(`/fofs/${H.fofId}/audit?pageSize=500`).set(auth(w.reviewerA)).expect(200);
    const items = audit.body.items as Array<Record<string, unknown>>;
    expect(audit.body.total).toBe(expected.length);
    const key = (m: Mutation) => `${m.action} ${m.entity} ${m.entityId}`;
    expect(items.map((a) => key(a as unknown as Mutation)).sort()).toEqual(expected.map(key).sort());
    for (const a of items) {
      expect(a).toEqual(
        expect.objectContaining({ userId: w.managerA.id, organizationId: w.orgA, fofId: H.fofId, payloadDigest: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      );
      expect(Number.isNaN(Date.parse(a.at as string))).toBe(false);
    }
  });

  it('the audit rows of one FoF do not include another FoF’s', async () => {
    const audit = await w.http.get(`/fofs/${otherFofId}/audit?pageSize=500`).set(auth(w.reviewerA)).expect(200);
    expect((audit.body.items as Array<Mutation>).map((a) => `${a.action} ${a.entity} ${a.entityId}`)).toEqual([`CREATE fof ${otherFofId}`]);
  });

  it('the administrator’s trail holds every row (and B’s reviewer cannot read A’s)', async () => {
    const all = await w.http.get('/admin/audit?pageSize=500').set(auth(w.adminA)).expect(200);
    expect(all.body.total).toBe(await countRows(c, 'audit_log'));
    expect((await w.http.get(`/fofs/${H.fofId}/audit`).set(auth(w.reviewerB))).status).toBe(404);
  });
});
