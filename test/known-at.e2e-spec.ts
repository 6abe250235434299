import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { sleep, sqlClient } from './support/fixtures.js';

/**
 * Issue 2 §4: a read with `knownAt` ignores every row recorded after that instant (reversals too), so an
 * earlier review can be reproduced exactly; `from`/`to` filter by business date, independently.
 */

let w: TestWorld;
let c: pg.Client;
let fofId: string;
let subFundId: string;
let otherSubFundId: string;
/** Flows by name: f1, f2 recorded before T; f3 (back-dated), r1 (reversal of f1), f4 after T. */
const id: Record<string, string> = {};
const recordedAt: Record<string, string> = {};
let T: string;

interface Row {
  id: string;
  flowDate: string;
  amount: string;
  reversesId: string | null;
  reversedBy: string | null;
  recordedAt: string;
}

const list = async (query: string) => {
  const res = await w.http.get(`/fofs/${fofId}/flows?pageSize=500&${query}`).set(auth(w.reviewerA));
  expect(res.status).toBe(200);
  return res.body as { items: Row[]; total: number };
};
/** The names of the listed rows, in list order. */
const names = (items: Row[]) => items.map((r) => Object.keys(id).find((k) => id[k] === r.id) ?? `unknown ${r.id}`);

async function flow(name: string, flowDate: string, amount: string, sf = subFundId) {
  const res = await w.http.post(`/fofs/${fofId}/flows`).set(auth(w.managerA)).send({ subFundId: sf, flowType: 'CONTRIBUTION', flowDate, amount });
  expect(res.status).toBe(201);
  id[name] = res.body.id;
  recordedAt[name] = res.body.recordedAt;
}

/** The database's clock, with microseconds, as an ISO instant. */
const dbNow = async () => (await c.query(`SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t`)).rows[0].t as string;

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  const h = auth(w.managerA);
  fofId = (await w.http.post('/fofs').set(h).send({ code: 'KA', name: '时点测试母基金', jurisdiction: 'WUHAN' }).expect(201)).body.id;
  const sf = (code: string) => ({ code, name: '子基金', category: 'VC', manager: 'M', firstClose: '2023-01-01', termEnd: '2033-01-01' });
  subFundId = (await w.http.post(`/fofs/${fofId}/sub-funds`).set(h).send(sf('KA-1')).expect(201)).body.id;
  otherSubFundId = (await w.http.post(`/fofs/${fofId}/sub-funds`).set(h).send(sf('KA-2')).expect(201)).body.id;

  await flow('f1', '2024-01-10', '100.00');
  await flow('f2', '2024-03-10', '200.00');
  await sleep(30);
  T = await dbNow();
  await sleep(30);
  await flow('f3', '2024-02-10', '300.00');
  const rev = await w.http.post(`/fofs/${fofId}/flows/${id.f1}/reversal`).set(h).send({ reason: '金额错误' }).expect(201);
  id.r1 = rev.body.id;
  recordedAt.r1 = rev.body.recordedAt;
  await flow('f4', '2024-06-10', '400.00');
  await flow('g1', '2024-02-01', '50.00', otherSubFundId);
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('GET /fofs/:fofId/flows?knownAt=…', () => {
  it('without knownAt: every row, ordered by business date then recording order, with reversedBy on the original', async () => {
    const { items, total } = await list('');
    expect(total).toBe(6);
    expect(names(items)).toEqual(['f1', 'r1', 'g1', 'f3', 'f2', 'f4']);
    expect(items.find((r) => r.id === id.f1)!.reversedBy).toBe(id.r1);
    expect(items.find((r) => r.id === id.r1)!.reversesId).toBe(id.f1);
  });

  it('knownAt=T shows exactly the rows recorded by T: f1 and f2; the later back-dated flow, the reversal and later rows are absent', async () => {
    const { items, total } = await list(`knownAt=${encodeURIComponent(T)}`);
    expect(total).toBe(2);
    expect(names(items)).toEqual(['f1', 'f2']);
    expect(items.map((r) => r.amount)).toEqual(['100.00', '200.00']);
  });

  it('knownAt=T: f1 is not shown as reversed, since its reversal was recorded after T', async () => {
    const { items } = await list(`knownAt=${encodeURIComponent(T)}`);
    expect(items.find((r) => r.id === id.f1)?.reversedBy).toBeNull();
  });

  it('GET /fofs/:fofId/flows/:id of f1 now says reversedBy r1 (the single read has no knownAt)', async () => {
    const res = await w.http.get(`/fofs/${fofId}/flows/${id.f1}`).set(auth(w.reviewerA)).expect(200);
    expect(res.body.reversedBy).toBe(id.r1);
  });

  it('knownAt equal to a row’s own recordedAt (as the API returned it) includes that row', async () => {
    const { items } = await list(`knownAt=${encodeURIComponent(recordedAt.f2!)}`);
    expect(names(items)).toEqual(['f1', 'f2']);
  });

  it('knownAt before anything was recorded lists nothing; knownAt in the future lists everything', async () => {
    expect((await list('knownAt=2000-01-01T00:00:00Z')).total).toBe(0);
    expect((await list('knownAt=2999-01-01T00:00:00Z')).total).toBe(6);
  });

  it('knownAt with a time-zone offset means the same instant', async () => {
    const t = new Date(T);
    const shifted = new Date(t.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(names((await list(`knownAt=${encodeURIComponent(shifted)}`)).items)).toEqual(['f1', 'f2']);
  });

  it('recordedAt is an ISO instant in UTC, and knownAt does not change what the rows say', async () => {
    const now = await list('');
    const then = await list(`knownAt=${encodeURIComponent(T)}`);
    for (const r of then.items) {
      expect(r.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const current = now.items.find((x) => x.id === r.id)!;
      expect({ flowDate: r.flowDate, amount: r.amount, recordedAt: r.recordedAt }).toEqual({
        flowDate: current.flowDate,
        amount: current.amount,
        recordedAt: current.recordedAt,
      });
    }
  });
});

describe('business-date filters from/to', () => {
  it('to=2024-02-10 keeps flows dated up to and including 10 Feb 2024 (f1, its reversal r1, g1, f3)', async () => {
    expect(names((await list('to=2024-02-10')).items)).toEqual(['f1', 'r1', 'g1', 'f3']);
  });

  it('from=2024-02-11 keeps f2 and f4', async () => {
    expect(names((await list('from=2024-02-11')).items)).toEqual(['f2', 'f4']);
  });

  it('from=2024-02-01&to=2024-03-10 keeps g1, f3 and f2 (both ends inclusive)', async () => {
    expect(names((await list('from=2024-02-01&to=2024-03-10')).items)).toEqual(['g1', 'f3', 'f2']);
  });

  it('to and knownAt combine: to=2024-02-10 as known at T is f1 alone', async () => {
    expect(names((await list(`to=2024-02-10&knownAt=${encodeURIComponent(T)}`)).items)).toEqual(['f1']);
  });

  it('subFundId narrows to one sub-fund', async () => {
    expect(names((await list(`subFundId=${otherSubFundId}`)).items)).toEqual(['g1']);
    expect(names((await list(`subFundId=${subFundId}&knownAt=${encodeURIComponent(T)}`)).items)).toEqual(['f1', 'f2']);
  });

  it('pages: pageSize=2 splits the six rows into 3 pages, in the same order', async () => {
    const pages = [];
    for (const p of [1, 2, 3, 4]) {
      const res = await w.http.get(`/fofs/${fofId}/flows?pageSize=2&page=${p}`).set(auth(w.reviewerA)).expect(200);
      expect({ page: res.body.page, pageSize: res.body.pageSize, total: res.body.total }).toEqual({ page: p, pageSize: 2, total: 6 });
      pages.push(names(res.body.items));
    }
    expect(pages).toEqual([['f1', 'r1'], ['g1', 'f3'], ['f2', 'f4'], []]);
  });
});

describe('positions as known at T', () => {
  it('GET /fofs/:fofId/positions?asOf=2024-12-31&knownAt=T counts f1 and f2 (300.00 paid in) in the first sub-fund', async () => {
    const res = await w.http.get(`/fofs/${fofId}/positions?asOf=2024-12-31&knownAt=${encodeURIComponent(T)}`).set(auth(w.reviewerA));
    expect(res.status).toBe(200);
    const sf = (res.body.subFunds as Array<{ id: string; figures: Record<string, unknown> }>).find((s) => s.id === subFundId);
    expect(sf?.figures.paidIn).toBe('300.00');
  });

  it('… and without knownAt counts f2, f3 and f4 (f1 is reversed): 900.00', async () => {
    const res = await w.http.get(`/fofs/${fofId}/positions?asOf=2024-12-31`).set(auth(w.reviewerA));
    expect(res.status).toBe(200);
    const sf = (res.body.subFunds as Array<{ id: string; figures: Record<string, unknown> }>).find((s) => s.id === subFundId);
    expect(sf?.figures.paidIn).toBe('900.00');
  });
});
