import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, createTestWorld, type TestUser, type TestWorld } from './support/test-app.js';
import { countRows, expectValidation, sqlClient } from './support/fixtures.js';

/**
 * Issue 2 §5 for the master-data and admin routes: bad bodies are 400 naming the field and write nothing;
 * duplicate codes are 409; the error body keeps its shape for malformed JSON and path ids too.
 */

let w: TestWorld;
let c: pg.Client;
let fofId: string;

const FOF = { code: 'FV', name: '校验母基金', jurisdiction: 'WUHAN' };
const SUB_FUND = { code: 'FV-1', name: '种子基金', category: 'SEED', manager: 'M', firstClose: '2024-01-01', termEnd: '2034-01-01' };
const DIRECT = { code: 'FV-DI', projectName: '某项目', stage: 'STARTUP', isTech: true, decisionDate: '2024-03-01', commitment: '5000000.00' };

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  fofId = (await w.http.post('/fofs').set(auth(w.managerA)).send(FOF).expect(201)).body.id;
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

interface Case {
  name: string;
  path: string;
  /** Built when the test runs (ids of the world are known then). */
  body: () => Record<string, unknown>;
}
/** A valid base body with one field replaced (or removed, for `undefined`). */
const variants = (base: () => Record<string, unknown>, list: Array<[field: string, value: unknown]>): Case[] =>
  list.map(([field, value]) => ({
    name: value === undefined ? `${field} missing` : `${field} = ${JSON.stringify(value)}`,
    path: field,
    body: () => {
      const body = base();
      if (value === undefined) delete body[field];
      else body[field] = value;
      return body;
    },
  }));

const ROUTES: Array<{ route: string; table: string; who: () => TestUser; cases: Case[] }> = [
  {
    route: 'POST /fofs',
    table: 'fofs',
    who: () => w.managerA,
    cases: variants(() => ({ ...FOF, code: 'FV-NEW' }), [
      ['code', 'has space'],
      ['code', ''],
      ['code', undefined],
      ['name', '   '],
      ['name', undefined],
      ['jurisdiction', 'wuhan'],
      ['organizationId', '00000000-0000-4000-8000-000000000000'],
      ['strictMode', true],
    ]),
  },
  {
    route: 'POST /fofs/:fofId/sub-funds',
    table: 'sub_funds',
    who: () => w.managerA,
    cases: variants(() => ({ ...SUB_FUND, code: 'FV-NEW' }), [
      ['category', 'BOGUS'],
      ['category', 'seed'],
      ['firstClose', '2025-02-30'],
      ['termEnd', '2024-01-01'],
      ['termEnd', '2023-12-31'],
      ['manager', undefined],
      ['fofId', '00000000-0000-4000-8000-000000000000'],
    ]),
  },
  {
    route: 'POST /fofs/:fofId/direct-investments',
    table: 'direct_investments',
    who: () => w.managerA,
    cases: variants(() => ({ ...DIRECT, code: 'FV-NEW' }), [
      ['stage', 'BOGUS'],
      ['commitment', '1e5'],
      ['commitment', '0.00'],
      ['commitment', 5000000],
      ['isTech', 'true'],
      ['isTech', undefined],
      ['decisionDate', '20240301'],
    ]),
  },
  {
    route: 'POST /admin/organizations',
    table: 'organizations',
    who: () => w.adminA,
    cases: variants(() => ({ code: 'ORG-NEW', name: '某财政局', kind: 'FINANCE_BUREAU', jurisdiction: 'WUHAN' }), [
      ['kind', 'BOGUS'],
      ['jurisdiction', 'Wuhan'],
      ['code', undefined],
    ]),
  },
  {
    route: 'POST /admin/users',
    table: 'users',
    who: () => w.adminA,
    cases: variants(() => ({ organizationId: w.orgA, username: 'new-user', displayName: '新用户', role: 'REVIEWER', password: 'long-enough-password' }), [
      ['password', 'short'],
      ['role', 'ROOT'],
      ['username', 'Upper'],
      ['organizationId', 'not-a-uuid'],
    ]),
  },
];

const concrete = (route: string) => route.replace(/^POST /, '').replace(':fofId', fofId);

describe.each(ROUTES.map((r) => [r.route, r] as const))('%s with bad input → 400 naming the field, nothing written', (_name, r) => {
  for (const k of r.cases) {
    it(k.name, async () => {
      const before = await countRows(c, r.table);
      expectValidation(await w.http.post(concrete(r.route)).set(auth(r.who())).send(k.body()), k.path);
      expect(await countRows(c, r.table)).toBe(before);
    });
  }
});

describe('conflicts and references', () => {
  it('a duplicate FoF code is 409 CONFLICT (whoever owns the first)', async () => {
    const a = await w.http.post('/fofs').set(auth(w.managerA)).send(FOF);
    const b = await w.http.post('/fofs').set(auth(w.managerB)).send({ ...FOF, jurisdiction: 'ZHENGZHOU' });
    expect([a.status, a.body.code, b.status, b.body.code]).toEqual([409, 'CONFLICT', 409, 'CONFLICT']);
  });

  it('a sub-fund code is unique within its FoF (409) but may repeat in another FoF (201)', async () => {
    await w.http.post(`/fofs/${fofId}/sub-funds`).set(auth(w.managerA)).send(SUB_FUND).expect(201);
    const dup = await w.http.post(`/fofs/${fofId}/sub-funds`).set(auth(w.managerA)).send(SUB_FUND);
    expect({ status: dup.status, code: dup.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    const other = (await w.http.post('/fofs').set(auth(w.managerA)).send({ ...FOF, code: 'FV-2' }).expect(201)).body.id;
    await w.http.post(`/fofs/${other}/sub-funds`).set(auth(w.managerA)).send(SUB_FUND).expect(201);
  });

  it('a direct-investment code is unique within its FoF (409)', async () => {
    await w.http.post(`/fofs/${fofId}/direct-investments`).set(auth(w.managerA)).send(DIRECT).expect(201);
    const dup = await w.http.post(`/fofs/${fofId}/direct-investments`).set(auth(w.managerA)).send(DIRECT);
    expect({ status: dup.status, code: dup.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
  });

  it('POST /admin/users for an organization that does not exist is 404', async () => {
    const res = await w.http
      .post('/admin/users')
      .set(auth(w.adminA))
      .send({ organizationId: '00000000-0000-4000-8000-000000000000', username: 'ghost', displayName: 'g', role: 'REVIEWER', password: 'long-enough-password' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('PATCH strict-mode with a non-boolean or an unknown field → 400; the flag is unchanged', async () => {
    expectValidation(await w.http.patch(`/fofs/${fofId}/strict-mode`).set(auth(w.managerA)).send({ strictMode: 'true' }), 'strictMode');
    expectValidation(await w.http.patch(`/fofs/${fofId}/strict-mode`).set(auth(w.managerA)).send({}), 'strictMode');
    expectValidation(await w.http.patch(`/fofs/${fofId}/strict-mode`).set(auth(w.managerA)).send({ strictMode: false, code: 'X' }), 'code');
    expect((await w.http.get(`/fofs/${fofId}`).set(auth(w.managerA)).expect(200)).body.strictMode).toBe(false);
  });
});

describe('error bodies keep their shape', () => {
  it('malformed JSON → 400 with the documented error body, nothing written', async () => {
    const before = await countRows(c, 'fofs');
    const res = await w.http.post('/fofs').set(auth(w.managerA)).set('Content-Type', 'application/json').send('{"code": "X",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: 400, code: 'VALIDATION', correlationId: expect.any(String) }));
    expect(await countRows(c, 'fofs')).toBe(before);
  });

  it('a path id that is not a UUID → 400 VALIDATION naming the parameter', async () => {
    expectValidation(await w.http.get('/fofs/not-a-uuid').set(auth(w.managerA)), 'fofId');
    expectValidation(await w.http.get(`/fofs/${fofId}/flows/not-a-uuid`).set(auth(w.managerA)), 'id');
  });

  it('the correlation id of an error is the X-Request-Id sent, and is echoed in the header', async () => {
    const res = await w.http.get('/fofs').set('X-Request-Id', 'probe-123');
    expect({ status: res.status, id: res.body.correlationId, header: res.headers['x-request-id'] }).toEqual({ status: 401, id: 'probe-123', header: 'probe-123' });
  });
});
