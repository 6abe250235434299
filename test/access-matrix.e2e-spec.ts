import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, TEST_PASSWORD, createTestWorld, type TestUser, type TestWorld } from './support/test-app.js';
import { LEDGER_KINDS, TABLE, buildFof, createRow, sqlClient, validBody, type FofFixture } from './support/fixtures.js';

/**
 * Issue 2 §6: every FoF route × every principal. Organization A's manager may do everything on its FoF;
 * A's reviewer (same jurisdiction) reads but writes nothing; an administrator does not touch FoFs;
 * organization B's users get 404 for every id of A's FoF (the FoF does not exist for them); no token is 401.
 */

type Who = 'managerA' | 'reviewerA' | 'adminA' | 'managerB' | 'reviewerB' | 'anonymous';
const PRINCIPALS: Who[] = ['managerA', 'reviewerA', 'adminA', 'managerB', 'reviewerB', 'anonymous'];

interface Route {
  /** The operation as the OpenAPI document names it: "GET /fofs/{fofId}/flows/{id}". */
  op: string;
  write: boolean;
  /** Status for A's fund manager. */
  ok: number;
  /** The concrete path and body for one principal (A's manager reverses a fresh row, so every cell stands alone). */
  req: (who: Who) => Promise<{ path: string; body?: object }> | { path: string; body?: object };
}

let w: TestWorld;
let c: pg.Client;
let A: FofFixture;
let B: FofFixture;
const user = (who: Who): TestUser | null => (who === 'anonymous' ? null : w[who]);

function fofRoutes(): Route[] {
  const f = () => `/fofs/${A.fofId}`;
  const routes: Route[] = [
    { op: 'GET /fofs/{fofId}', write: false, ok: 200, req: () => ({ path: f() }) },
    { op: 'PATCH /fofs/{fofId}/strict-mode', write: true, ok: 200, req: () => ({ path: `${f()}/strict-mode`, body: { strictMode: false } }) },
    { op: 'GET /fofs/{fofId}/audit', write: false, ok: 200, req: () => ({ path: `${f()}/audit` }) },
    { op: 'GET /fofs/{fofId}/positions', write: false, ok: 200, req: () => ({ path: `${f()}/positions?asOf=2025-12-31` }) },
    { op: 'GET /fofs/{fofId}/review', write: false, ok: 200, req: () => ({ path: `${f()}/review?asOf=2025-12-31` }) },
    { op: 'GET /fofs/{fofId}/review/workbook', write: false, ok: 200, req: () => ({ path: `${f()}/review/workbook?asOf=2025-12-31` }) },
    { op: 'GET /fofs/{fofId}/checks', write: false, ok: 200, req: () => ({ path: `${f()}/checks?asOf=2025-12-31` }) },
    { op: 'GET /fofs/{fofId}/checks/subjects/{subjectId}', write: false, ok: 200, req: () => ({ path: `${f()}/checks/subjects/${A.subFundId}` }) },
    { op: 'GET /fofs/{fofId}/checks/grandfathered', write: false, ok: 200, req: () => ({ path: `${f()}/checks/grandfathered?decisionDate=2025-07-01` }) },
    {
      // Writes nothing, but only a fund manager may ask: it is classed with the writes.
      op: 'POST /fofs/{fofId}/what-if',
      write: true,
      ok: 200,
      req: () => ({ path: `${f()}/what-if`, body: { type: 'COMMITMENT', subFundId: A.subFundId, amount: '1000000.00', date: '2025-06-30' } }),
    },
    { op: 'GET /fofs/{fofId}/sub-funds', write: false, ok: 200, req: () => ({ path: `${f()}/sub-funds` }) },
    { op: 'GET /fofs/{fofId}/sub-funds/{id}', write: false, ok: 200, req: () => ({ path: `${f()}/sub-funds/${A.subFundId}` }) },
    {
      op: 'POST /fofs/{fofId}/sub-funds',
      write: true,
      ok: 201,
      req: (who) => ({
        path: `${f()}/sub-funds`,
        body: { code: `SF-BY-${who}`, name: '天使基金', category: 'ANGEL', manager: 'M', firstClose: '2024-01-01', termEnd: '2034-01-01' },
      }),
    },
    { op: 'GET /fofs/{fofId}/direct-investments', write: false, ok: 200, req: () => ({ path: `${f()}/direct-investments` }) },
    {
      op: 'GET /fofs/{fofId}/direct-investments/{id}',
      write: false,
      ok: 200,
      req: () => ({ path: `${f()}/direct-investments/${A.directInvestmentId}` }),
    },
    {
      op: 'POST /fofs/{fofId}/direct-investments',
      write: true,
      ok: 201,
      req: (who) => ({
        path: `${f()}/direct-investments`,
        body: { code: `DI-BY-${who}`, projectName: '某项目', stage: 'SEED', isTech: true, decisionDate: '2024-01-01', commitment: '100.00' },
      }),
    },
  ];
  for (const kind of LEDGER_KINDS) {
    routes.push(
      { op: `GET /fofs/{fofId}/${kind}`, write: false, ok: 200, req: () => ({ path: `${f()}/${kind}` }) },
      { op: `GET /fofs/{fofId}/${kind}/{id}`, write: false, ok: 200, req: () => ({ path: `${f()}/${kind}/${A.rows[kind]}` }) },
      { op: `POST /fofs/{fofId}/${kind}`, write: true, ok: 201, req: () => ({ path: `${f()}/${kind}`, body: validBody(kind, A) }) },
      {
        op: `POST /fofs/{fofId}/${kind}/{id}/reversal`,
        write: true,
        ok: 201,
        req: async (who) => {
          const id = who === 'managerA' ? await createRow(w, kind, A) : A.rows[kind];
          return { path: `${f()}/${kind}/${id}/reversal`, body: { reason: '录入错误，冲销' } };
        },
      },
    );
  }
  return routes;
}

function expected(r: Route, who: Who): number {
  switch (who) {
    case 'managerA':
      return r.ok;
    case 'reviewerA':
      return r.write ? 403 : 200;
    case 'adminA':
      return 403;
    case 'managerB':
      return 404;
    case 'reviewerB':
      return r.write ? 403 : 404;
    case 'anonymous':
      return 401;
  }
}

const CODE: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** The status, and the error code when it is an error (a FoF's own `code` field is not an error code). */
const outcome = (res: { status: number; body?: { code?: unknown; message?: unknown } }) =>
  res.status >= 400 ? { status: res.status, code: res.body?.code, message: res.body?.message } : { status: res.status, code: undefined };

async function call(method: string, path: string, who: Who, body?: object) {
  const u = user(who);
  const verb = method.toLowerCase() as 'get' | 'post' | 'patch';
  let req = w.http[verb](path);
  if (u) req = req.set(auth(u));
  return body === undefined ? req : req.send(body);
}

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  A = await buildFof(w, 'A-FOF');
  B = await buildFof(w, 'B-FOF', w.managerB);
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('access matrix: every FoF route × every principal, with the ids of organization A', () => {
  for (const r of fofRoutes()) {
    const [method] = r.op.split(' ');
    for (const who of PRINCIPALS) {
      const status = expected(r, who);
      const why =
        who === 'reviewerB' && r.write
          ? ' (the role check runs before the FoF lookup: a reviewer never writes, and 403 does not tell whether the id exists)'
          : '';
      it(`${r.op} as ${who} → ${status}${why}`, async () => {
        const { path, body } = await r.req(who);
        const res = await call(method!, path, who, body);
        expect(outcome(res)).toEqual(expect.objectContaining({ status, code: CODE[status] }));
      });
    }
  }

  it('no principal other than A’s fund manager managed to write a ledger row into A’s FoF', async () => {
    const others = [w.reviewerA.id, w.adminA.id, w.managerB.id, w.reviewerB.id];
    for (const kind of LEDGER_KINDS) {
      const r = await c.query(`SELECT count(*)::int AS n FROM ${TABLE[kind]} WHERE fof_id = $1 AND recorded_by = ANY($2::uuid[])`, [A.fofId, others]);
      expect({ kind, n: r.rows[0].n }).toEqual({ kind, n: 0 });
    }
    const sf = await c.query(`SELECT code FROM sub_funds WHERE fof_id = $1 ORDER BY code`, [A.fofId]);
    expect(sf.rows.map((x) => x.code)).toEqual(['A-FOF-SEED', 'SF-BY-managerA']);
  });

  it('the matrix covers every operation the OpenAPI document lists', async () => {
    const doc = await w.http.get('/docs/json').expect(200);
    const ops: string[] = [];
    for (const [p, item] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(item)) if (['get', 'post', 'patch', 'put', 'delete'].includes(m)) ops.push(`${m.toUpperCase()} ${p}`);
    }
    const covered = new Set([...fofRoutes().map((r) => r.op), ...TOP_LEVEL, ...ADMIN_ROUTES.map((r) => r.op), ...PACK_ROUTES.map((r) => r.op), ...COVERED_BY_EXEMPTION_SPEC]);
    expect(ops.filter((o) => !covered.has(o)).sort()).toEqual([]);
  });
});

const TOP_LEVEL = ['GET /fofs', 'POST /fofs', 'GET /health', 'POST /auth/login', 'GET /auth/me', 'POST /auth/logout'];

/**
 * Exemption routes have their own role model (a reviewer approves and returns, a manager submits) and
 * state machine: their role × state × organization matrix is in test/exemption.e2e-spec.ts.
 */
const COVERED_BY_EXEMPTION_SPEC = [
  'GET /fofs/{fofId}/loss-events',
  'POST /fofs/{fofId}/exemption-cases',
  'GET /fofs/{fofId}/exemption-cases',
  'GET /fofs/{fofId}/exemption-cases/{caseId}',
  'POST /fofs/{fofId}/exemption-cases/{caseId}/answers',
  'POST /fofs/{fofId}/exemption-cases/{caseId}/evidence',
  'GET /fofs/{fofId}/exemption-cases/{caseId}/evidence/{evidenceId}',
  'POST /fofs/{fofId}/exemption-cases/{caseId}/submit',
  'POST /fofs/{fofId}/exemption-cases/{caseId}/approve',
  'POST /fofs/{fofId}/exemption-cases/{caseId}/return',
  'GET /fofs/{fofId}/exemption-cases/{caseId}/report',
];

describe('GET /fofs and POST /fofs: scope by organization and jurisdiction', () => {
  const codes = async (who: TestUser) => {
    const res = await w.http.get('/fofs?pageSize=500').set(auth(who)).expect(200);
    return (res.body.items as Array<{ code: string }>).map((x) => x.code).sort();
  };

  it('A’s manager and A’s reviewer list A’s FoF and not B’s', async () => {
    expect(await codes(w.managerA)).toEqual(['A-FOF']);
    expect(await codes(w.reviewerA)).toEqual(['A-FOF']);
  });

  it('B’s manager and B’s reviewer list B’s FoF and never A’s', async () => {
    expect(await codes(w.managerB)).toEqual(['B-FOF']);
    expect(await codes(w.reviewerB)).toEqual(['B-FOF']);
  });

  it('GET /fofs is 403 for an administrator and 401 without a token', async () => {
    expect((await w.http.get('/fofs').set(auth(w.adminA))).status).toBe(403);
    expect((await w.http.get('/fofs')).status).toBe(401);
  });

  it('POST /fofs: 201 for fund managers (in their own organization), 403 for reviewers and administrators, 401 without a token', async () => {
    const body = (code: string) => ({ code, name: '新母基金', jurisdiction: 'WUHAN' });
    const a = await w.http.post('/fofs').set(auth(w.managerA)).send(body('NEW-A'));
    expect(a.status).toBe(201);
    expect(a.body.organizationId).toBe(w.orgA);
    const b = await w.http.post('/fofs').set(auth(w.managerB)).send(body('NEW-B'));
    expect(b.status).toBe(201);
    expect(b.body.organizationId).toBe(w.orgB);
    for (const who of [w.reviewerA, w.adminA, w.reviewerB]) {
      expect((await w.http.post('/fofs').set(auth(who)).send(body(`NEW-${who.username}`))).status).toBe(403);
    }
    expect((await w.http.post('/fofs').send(body('NEW-ANON'))).status).toBe(401);
  });

  it('a 404 for a foreign FoF is indistinguishable from the 404 for an id that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const foreign = await w.http.get(`/fofs/${A.fofId}`).set(auth(w.managerB));
    const none = await w.http.get(`/fofs/${missing}`).set(auth(w.managerB));
    expect([foreign.status, none.status]).toEqual([404, 404]);
    expect(foreign.body.message.replace(A.fofId, '<id>')).toBe(none.body.message.replace(missing, '<id>'));
  });
});

describe('ids of A’s rows used under B’s own FoF are 404 (rows are scoped to their FoF, not only the FoF id)', () => {
  it('B’s manager reading A’s sub-fund and direct investment through B’s FoF → 404', async () => {
    const h = auth(w.managerB);
    expect((await w.http.get(`/fofs/${B.fofId}/sub-funds/${A.subFundId}`).set(h)).status).toBe(404);
    expect((await w.http.get(`/fofs/${B.fofId}/direct-investments/${A.directInvestmentId}`).set(h)).status).toBe(404);
  });

  for (const kind of LEDGER_KINDS) {
    it(`${kind}: B’s manager reading or reversing A’s row through B’s FoF → 404, and A’s row stays unreversed`, async () => {
      const h = auth(w.managerB);
      expect((await w.http.get(`/fofs/${B.fofId}/${kind}/${A.rows[kind]}`).set(h)).status).toBe(404);
      const rev = await w.http.post(`/fofs/${B.fofId}/${kind}/${A.rows[kind]}/reversal`).set(h).send({ reason: '越权冲销' });
      expect(rev.status).toBe(404);
      const n = await c.query(`SELECT count(*)::int AS n FROM ${TABLE[kind]} WHERE reverses_id = $1`, [A.rows[kind]]);
      expect(n.rows[0].n).toBe(0);
    });
  }

  it('B’s manager posting a flow into B’s FoF that names A’s sub-fund → 404, no row', async () => {
    const res = await w.http.post(`/fofs/${B.fofId}/flows`).set(auth(w.managerB)).send(validBody('flows', { ...B, subFundId: A.subFundId }));
    expect(res.status).toBe(404);
    const n = await c.query(`SELECT count(*)::int AS n FROM position_flows WHERE sub_fund_id = $1 AND fof_id = $2`, [A.subFundId, B.fofId]);
    expect(n.rows[0].n).toBe(0);
  });

  it('filtering B’s flows by A’s sub-fund id lists nothing', async () => {
    const res = await w.http.get(`/fofs/${B.fofId}/flows?subFundId=${A.subFundId}`).set(auth(w.managerB)).expect(200);
    expect(res.body.total).toBe(0);
  });
});

const ADMIN_ROUTES: Array<{ op: string; ok: number; body?: (n: string) => object }> = [
  { op: 'POST /admin/organizations', ok: 201, body: (n) => ({ code: `ORG-${n}`, name: '某区财政局', kind: 'FINANCE_BUREAU', jurisdiction: 'WUHAN' }) },
  { op: 'GET /admin/organizations', ok: 200 },
  {
    op: 'POST /admin/users',
    ok: 201,
    body: (n) => ({ organizationId: w.orgA, username: `user-${n.toLowerCase()}`, displayName: n, role: 'FUND_MANAGER', password: 'long-enough-password' }),
  },
  { op: 'GET /admin/users', ok: 200 },
  { op: 'GET /admin/audit', ok: 200 },
];

/** Policy packs are public documents (any signed-in user reads them); only an administrator changes them. */
const PACK_ROUTES: Array<{ op: string; path: string; admin: number; others: number; body?: object }> = [
  { op: 'GET /policy-packs', path: '/policy-packs', admin: 200, others: 200 },
  { op: 'GET /policy-packs/{packId}', path: '/policy-packs/wuhan-2025', admin: 200, others: 200 },
  { op: 'GET /policy-packs/{packId}/revisions', path: '/policy-packs/wuhan-2025/revisions', admin: 200, others: 200 },
  // An empty body: the administrator passes the role check and gets 400, so nothing is written by this test.
  { op: 'POST /admin/policy-packs', path: '/admin/policy-packs', admin: 400, others: 403, body: {} },
  {
    op: 'POST /admin/policy-packs/{packId}/parameters/{key}/versions',
    path: '/admin/policy-packs/wuhan-2025/parameters/any/versions',
    admin: 400,
    others: 403,
    body: {},
  },
];

describe('policy-pack routes', () => {
  for (const r of PACK_ROUTES) {
    const [method] = r.op.split(' ') as [string];
    for (const who of PRINCIPALS) {
      const status = who === 'anonymous' ? 401 : who === 'adminA' ? r.admin : r.others;
      it(`${r.op} as ${who} → ${status}`, async () => {
        const res = await call(method, r.path, who, r.body);
        expect(outcome(res)).toEqual(expect.objectContaining({ status, code: status === 400 ? 'VALIDATION' : CODE[status] }));
      });
    }
  }
});

describe('admin routes: ADMIN only', () => {
  for (const r of ADMIN_ROUTES) {
    const [method, path] = r.op.split(' ') as [string, string];
    for (const who of PRINCIPALS) {
      const status = who === 'adminA' ? r.ok : who === 'anonymous' ? 401 : 403;
      it(`${r.op} as ${who} → ${status}`, async () => {
        const res = await call(method, path, who, r.body?.(who));
        expect(outcome(res)).toEqual(expect.objectContaining({ status, code: CODE[status] }));
      });
    }
  }
});

describe('auth and public routes', () => {
  it('GET /auth/me names the caller; 401 without a token or with a made-up one', async () => {
    for (const who of [w.managerA, w.reviewerA, w.adminA, w.managerB, w.reviewerB]) {
      const me = await w.http.get('/auth/me').set(auth(who)).expect(200);
      expect({ userId: me.body.userId, role: me.body.role }).toEqual({ userId: who.id, role: who.role });
    }
    expect((await w.http.get('/auth/me')).status).toBe(401);
    expect((await w.http.get('/auth/me').set('Authorization', 'Bearer not-a-real-token')).status).toBe(401);
  });

  it('POST /auth/logout revokes the token it is called with (and only that one)', async () => {
    const login = await w.http.post('/auth/login').send({ username: w.managerA.username, password: TEST_PASSWORD }).expect(200);
    const h = { Authorization: `Bearer ${login.body.token}` };
    expect((await w.http.post('/auth/logout').set(h)).status).toBe(204);
    expect((await w.http.get('/auth/me').set(h)).status).toBe(401);
    expect((await w.http.get(`/fofs/${A.fofId}`).set(h)).status).toBe(401);
    expect((await w.http.get('/auth/me').set(auth(w.managerA))).status).toBe(200);
    expect((await w.http.post('/auth/logout')).status).toBe(401);
  });

  it('GET /health and GET /docs/json need no token', async () => {
    expect((await w.http.get('/health')).body).toEqual({ status: 'ok', database: 'ok' });
    expect((await w.http.get('/docs/json')).status).toBe(200);
  });
});
