import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, createTestWorld, type TestUser, type TestWorld } from './support/test-app.js';
import { countRows, sqlClient } from './support/fixtures.js';

/**
 * Issue 2 §7: with an Idempotency-Key a replay returns the first response and writes nothing; the same key
 * with another body is 422; keys belong to a user. Concurrent creation of one code gives one row and 409s.
 */

let w: TestWorld;
let c: pg.Client;
let fofId: string;
let subFundId: string;
/** A second fund manager of organization A: same FoFs, own keys. */
let managerA2: TestUser;

const flowBody = (amount = '1000.00') => ({ subFundId, flowType: 'CONTRIBUTION', flowDate: '2024-07-01', amount });
const postFlow = (who: TestUser, key: string | null, body: object) => {
  const r = w.http.post(`/fofs/${fofId}/flows`).set(auth(who));
  return key === null ? r.send(body) : r.set('Idempotency-Key', key).send(body);
};
const flows = () => countRows(c, 'position_flows', fofId);
const audits = () => countRows(c, 'audit_log');

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  const h = auth(w.managerA);
  fofId = (await w.http.post('/fofs').set(h).send({ code: 'IDEM', name: '幂等测试母基金', jurisdiction: 'WUHAN' }).expect(201)).body.id;
  subFundId = (
    await w.http
      .post(`/fofs/${fofId}/sub-funds`)
      .set(h)
      .send({ code: 'IDEM-1', name: '子基金', category: 'VC', manager: 'M', firstClose: '2023-01-01', termEnd: '2033-01-01' })
      .expect(201)
  ).body.id;
  const password = 'second-manager-password';
  const u = await w.http
    .post('/admin/users')
    .set(auth(w.adminA))
    .send({ organizationId: w.orgA, username: 'manager-a2', displayName: '第二管理人', role: 'FUND_MANAGER', password })
    .expect(201);
  const login = await w.http.post('/auth/login').send({ username: 'manager-a2', password }).expect(200);
  managerA2 = { id: u.body.id, username: 'manager-a2', role: 'FUND_MANAGER', organizationId: w.orgA, token: login.body.token };
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('replays', () => {
  it('the same key and body replays the first response (status, body, Idempotent-Replay: true) and writes no row or audit entry', async () => {
    const first = await postFlow(w.managerA, 'flow-key-1', flowBody());
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replay']).toBeUndefined();
    const [rows, audit] = [await flows(), await audits()];

    for (let i = 0; i < 3; i++) {
      const again = await postFlow(w.managerA, 'flow-key-1', flowBody());
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replay']).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    expect([await flows(), await audits()]).toEqual([rows, audit]);
    const listed = await w.http.get(`/fofs/${fofId}/flows?pageSize=500`).set(auth(w.managerA)).expect(200);
    expect((listed.body.items as Array<{ id: string }>).filter((r) => r.id === first.body.id)).toHaveLength(1);
  });

  it('the same key with a different body is 422 IDEMPOTENCY_MISMATCH and writes nothing', async () => {
    await postFlow(w.managerA, 'flow-key-2', flowBody('2000.00')).expect(201);
    const [rows, audit] = [await flows(), await audits()];
    const res = await postFlow(w.managerA, 'flow-key-2', flowBody('2000.01'));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_MISMATCH' });
    expect([await flows(), await audits()]).toEqual([rows, audit]);
  });

  it('the same key on another route is 422 too', async () => {
    const res = await w.http
      .post(`/fofs/${fofId}/valuations`)
      .set(auth(w.managerA))
      .set('Idempotency-Key', 'flow-key-2')
      .send({ subFundId, valuationDate: '2024-12-31', nav: '1.00' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_MISMATCH' });
    expect(await countRows(c, 'valuations', fofId)).toBe(0);
  });

  it('a key belongs to its user: another manager sending the same key and body records its own row', async () => {
    const mine = await postFlow(w.managerA, 'shared-key', flowBody('3000.00'));
    expect(mine.status).toBe(201);
    const before = await flows();
    const theirs = await postFlow(managerA2, 'shared-key', flowBody('3000.00'));
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replay']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.recordedBy).toBe(managerA2.id);
    expect(await flows()).toBe(before + 1);
    // … and the first user's key still replays its own response.
    expect((await postFlow(w.managerA, 'shared-key', flowBody('3000.00'))).body.id).toBe(mine.body.id);
  });

  it('a request that failed validation does not use up its key: the corrected request with that key is recorded', async () => {
    const bad = await postFlow(w.managerA, 'flow-key-3', flowBody('12.345'));
    expect(bad.status).toBe(400);
    const before = await flows();
    const good = await postFlow(w.managerA, 'flow-key-3', flowBody('12.34'));
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replay']).toBeUndefined();
    expect(await flows()).toBe(before + 1);
  });

  it('a replayed reversal returns the first reversal, not 409', async () => {
    const row = (await postFlow(w.managerA, null, flowBody('4000.00')).expect(201)).body.id as string;
    const rev = () => w.http.post(`/fofs/${fofId}/flows/${row}/reversal`).set(auth(w.managerA)).set('Idempotency-Key', `rev-${row}`).send({ reason: '冲销' });
    const first = await rev();
    expect(first.status).toBe(201);
    const again = await rev();
    expect({ status: again.status, replay: again.headers['idempotent-replay'], id: again.body.id }).toEqual({ status: 201, replay: 'true', id: first.body.id });
  });

  it('POST /fofs with a key replays the created FoF instead of answering 409', async () => {
    const body = { code: 'IDEM-FOF', name: '幂等母基金', jurisdiction: 'WUHAN' };
    const first = await w.http.post('/fofs').set(auth(w.managerA)).set('Idempotency-Key', 'fof-key').send(body);
    expect(first.status).toBe(201);
    const again = await w.http.post('/fofs').set(auth(w.managerA)).set('Idempotency-Key', 'fof-key').send(body);
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    const n = await c.query(`SELECT count(*)::int AS n FROM fofs WHERE code = 'IDEM-FOF'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('a malformed key (empty, too long, with a space, non-ASCII) is 400 and writes nothing', async () => {
    const before = await flows();
    for (const key of ['', 'x'.repeat(201), 'a b', 'clé']) {
      const res = await w.http.post(`/fofs/${fofId}/flows`).set(auth(w.managerA)).set('Idempotency-Key', key).send(flowBody());
      expect({ key: key.slice(0, 5), status: res.status }).toEqual({ key: key.slice(0, 5), status: 400 });
    }
    expect(await flows()).toBe(before);
  });
});

describe('concurrency', () => {
  it('20 concurrent POST /fofs with one code: exactly one 201, nineteen 409 CONFLICT, one row', async () => {
    const body = { code: 'RACE-FOF', name: '并发母基金', jurisdiction: 'WUHAN' };
    const res = await Promise.all(Array.from({ length: 20 }, () => w.http.post('/fofs').set(auth(w.managerA)).send(body)));
    const statuses = res.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.code === 'CONFLICT')).toBe(true);
    const n = await c.query(`SELECT count(*)::int AS n FROM fofs WHERE code = 'RACE-FOF'`);
    expect(n.rows[0].n).toBe(1);
    const audit = await c.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'fof' AND entity_id = $1`, [res.find((r) => r.status === 201)!.body.id]);
    expect(audit.rows[0].n).toBe(1);
  }, 60_000);

  it('10 concurrent POSTs of one flow with one Idempotency-Key: all 201 with the same id, one row', async () => {
    const before = await flows();
    const res = await Promise.all(Array.from({ length: 10 }, () => postFlow(w.managerA, 'race-key', flowBody('5000.00'))));
    expect(res.map((r) => r.status)).toEqual(Array<number>(10).fill(201));
    expect(new Set(res.map((r) => r.body.id)).size).toBe(1);
    expect(res.filter((r) => r.headers['idempotent-replay'] === 'true')).toHaveLength(9);
    expect(await flows()).toBe(before + 1);
  }, 60_000);

  it('10 concurrent sub-funds with one code in one FoF: one 201, nine 409', async () => {
    const body = { code: 'RACE-SF', name: '子基金', category: 'ANGEL', manager: 'M', firstClose: '2023-01-01', termEnd: '2033-01-01' };
    const res = await Promise.all(Array.from({ length: 10 }, () => w.http.post(`/fofs/${fofId}/sub-funds`).set(auth(w.managerA)).send(body)));
    expect(res.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
  }, 60_000);
});
