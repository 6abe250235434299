import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { LEDGER_KINDS, TABLE, buildFof, countRows, expectValidation, sqlClient, validBody, type FofFixture, type Kind } from './support/fixtures.js';

/**
 * Issue 2 §5: bad input to every ledger kind is a 400 naming the field, and writes nothing (neither the
 * row nor an audit entry). References to another FoF's sub-fund, direct investment or project are 404.
 */

type Sign = 'positive' | 'nonNegative';
interface Spec {
  money: Array<[field: string, sign: Sign]>;
  dates: string[];
  required: string[];
  enums: string[];
}

const SPEC: Record<Kind, Spec> = {
  'lp-commitments': {
    money: [['amount', 'positive']],
    dates: ['commitDate'],
    required: ['subFundId', 'investorName', 'investorKind', 'amount', 'commitDate'],
    enums: ['investorKind'],
  },
  amendments: { money: [], dates: ['effectiveDate', 'newTermEnd'], required: ['subFundId', 'kind', 'effectiveDate', 'newTermEnd'], enums: ['kind'] },
  flows: { money: [['amount', 'positive']], dates: ['flowDate'], required: ['subFundId', 'flowType', 'flowDate', 'amount'], enums: ['flowType'] },
  valuations: { money: [['nav', 'nonNegative']], dates: ['valuationDate'], required: ['subFundId', 'valuationDate', 'nav'], enums: [] },
  'project-investments': {
    money: [['amount', 'positive']],
    dates: ['investmentDate'],
    required: ['subFundId', 'projectName', 'stage', 'investmentDate', 'amount'],
    enums: ['stage'],
  },
  'project-exits': {
    money: [['proceeds', 'nonNegative']],
    dates: ['exitDate'],
    required: ['subFundId', 'projectInvestmentId', 'exitDate', 'proceeds'],
    enums: [],
  },
  'secondary-purchases': {
    money: [
      ['commitmentTransferred', 'nonNegative'],
      ['paidInTransferred', 'nonNegative'],
      ['unfundedTransferred', 'nonNegative'],
      ['referenceNav', 'nonNegative'],
      ['price', 'nonNegative'],
    ],
    dates: ['purchaseDate', 'referenceNavDate'],
    required: ['fundInterest', 'seller', 'purchaseDate', 'commitmentTransferred', 'paidInTransferred', 'unfundedTransferred', 'referenceNav', 'referenceNavDate', 'price'],
    enums: [],
  },
  'incentive-proposals': {
    money: [
      ['socialLpReward', 'nonNegative'],
      ['managerReward', 'nonNegative'],
    ],
    dates: ['proposalDate'],
    required: ['subFundId', 'proposalDate', 'socialLpReward', 'managerReward', 'description'],
    enums: [],
  },
  exceptions: {
    money: [],
    dates: ['approvedOn'],
    required: ['ruleId', 'subjectType', 'subjectId', 'documentNo', 'approver', 'approvedOn'],
    enums: ['subjectType'],
  },
  'ma-loans': {
    money: [
      ['dealAmount', 'positive'],
      ['loanAmount', 'positive'],
    ],
    dates: ['startDate', 'maturityDate'],
    required: ['borrower', 'target', 'controlling', 'dealAmount', 'loanAmount', 'startDate', 'maturityDate'],
    enums: [],
  },
};

/** Malformed money: exponent, three decimals, a JSON number, empty, negative, thousands separator, padding, 19 integer digits. */
const BAD_MONEY: unknown[] = ['1e5', '12.345', 12345.67, '', '-5.00', '1,000.00', ' 100.00', '1000000000000000000.00'];
/** Zero is not a positive amount. */
const BAD_POSITIVE: unknown[] = ['0.00', '0'];
const BAD_DATES = ['2025-02-30', '2025-13-01', '20250101', '2023-02-29'];

interface Case {
  name: string;
  path: string;
  body: (f: FofFixture) => Record<string, unknown>;
}

function casesOf(kind: Kind): Case[] {
  const s = SPEC[kind];
  const out: Case[] = [];
  const withField = (field: string, v: unknown) => (f: FofFixture) => ({ ...validBody(kind, f), [field]: v });
  for (const [field, sign] of s.money) {
    for (const v of [...BAD_MONEY, ...(sign === 'positive' ? BAD_POSITIVE : [])]) {
      out.push({ name: `${field} = ${JSON.stringify(v)}`, path: field, body: withField(field, v) });
    }
  }
  for (const field of s.dates) for (const v of BAD_DATES) out.push({ name: `${field} = "${v}"`, path: field, body: withField(field, v) });
  for (const field of s.required) {
    out.push({
      name: `${field} missing`,
      path: field,
      body: (f) => {
        const b = validBody(kind, f);
        delete b[field];
        return b;
      },
    });
  }
  for (const field of s.enums) out.push({ name: `${field} = "BOGUS"`, path: field, body: withField(field, 'BOGUS') });
  out.push({ name: 'an unknown field', path: 'recordedBy', body: withField('recordedBy', '00000000-0000-4000-8000-000000000000') });
  out.push({ name: 'an unknown field fofId in the body', path: 'fofId', body: withField('fofId', '00000000-0000-4000-8000-000000000000') });
  return out;
}

/** Rules between fields, written per kind. */
const CROSS_FIELD: Array<{ kind: Kind; name: string; paths: string[]; body: (f: FofFixture) => Record<string, unknown> }> = [
  { kind: 'flows', name: 'both subFundId and directInvestmentId', paths: ['subFundId', 'directInvestmentId'], body: (f) => ({ ...validBody('flows', f), directInvestmentId: f.directInvestmentId }) },
  { kind: 'valuations', name: 'both subFundId and directInvestmentId', paths: ['subFundId', 'directInvestmentId'], body: (f) => ({ ...validBody('valuations', f), directInvestmentId: f.directInvestmentId }) },
  { kind: 'amendments', name: 'both subFundId and directInvestmentId', paths: ['subFundId', 'directInvestmentId'], body: (f) => ({ ...validBody('amendments', f), directInvestmentId: f.directInvestmentId }) },
  { kind: 'flows', name: 'a DISTRIBUTION without distributionKind', paths: ['distributionKind'], body: (f) => ({ ...validBody('flows', f), flowType: 'DISTRIBUTION' }) },
  {
    kind: 'flows',
    name: 'a DISTRIBUTION with distributionKind "BOGUS"',
    paths: ['distributionKind'],
    body: (f) => ({ ...validBody('flows', f), flowType: 'DISTRIBUTION', distributionKind: 'BOGUS' }),
  },
  { kind: 'flows', name: 'a CONTRIBUTION with a distributionKind', paths: ['distributionKind'], body: (f) => ({ ...validBody('flows', f), distributionKind: 'GAIN' }) },
  { kind: 'flows', name: 'subFundId not a UUID', paths: ['subFundId'], body: (f) => ({ ...validBody('flows', f), subFundId: 'SF-1' }) },
  { kind: 'project-investments', name: 'a hand-off without its source sub-fund', paths: ['handoffSourceSubFundId'], body: (f) => ({ ...validBody('project-investments', f), isHandoff: true, handoffSourceProject: '某种子项目' }) },
  { kind: 'project-investments', name: 'a hand-off without its source project', paths: ['handoffSourceProject'], body: (f) => ({ ...validBody('project-investments', f), isHandoff: true, handoffSourceSubFundId: f.subFundId }) },
  { kind: 'project-investments', name: 'isHandoff "yes" (not a boolean)', paths: ['isHandoff'], body: (f) => ({ ...validBody('project-investments', f), isHandoff: 'yes' }) },
  { kind: 'amendments', name: 'a STATUS_CHANGE without newStatus', paths: ['newStatus'], body: (f) => ({ subFundId: f.subFundId, kind: 'STATUS_CHANGE', effectiveDate: '2025-06-30' }) },
  { kind: 'ma-loans', name: 'controlling "yes" (not a boolean)', paths: ['controlling'], body: (f) => ({ ...validBody('ma-loans', f), controlling: 'yes' }) },
  { kind: 'ma-loans', name: 'a maturity before the start', paths: ['maturityDate'], body: (f) => ({ ...validBody('ma-loans', f), maturityDate: '2025-06-30' }) },
  { kind: 'amendments', name: 'a STATUS_CHANGE to "BOGUS"', paths: ['newStatus'], body: (f) => ({ subFundId: f.subFundId, kind: 'STATUS_CHANGE', effectiveDate: '2025-06-30', newStatus: 'BOGUS' }) },
];

let w: TestWorld;
let c: pg.Client;
let A: FofFixture;
/** Another FoF of the same organization: its ids are visible to A's manager but foreign to A's FoF. */
let other: FofFixture;
let vcSubFundId: string;

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  A = await buildFof(w, 'VAL-A');
  other = await buildFof(w, 'VAL-OTHER');
  const vc = await w.http
    .post(`/fofs/${A.fofId}/sub-funds`)
    .set(auth(w.managerA))
    .send({ code: 'VAL-A-VC', name: '创投基金', category: 'VC', manager: 'M', firstClose: '2023-01-01', termEnd: '2033-01-01' })
    .expect(201);
  vcSubFundId = vc.body.id;
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

/** Posts and asserts that neither the kind's table nor the audit log gained a row. */
async function postWritesNothing(kind: Kind, body: Record<string, unknown>) {
  const before = [await countRows(c, TABLE[kind]), await countRows(c, 'audit_log')];
  const res = await w.http.post(`/fofs/${A.fofId}/${kind}`).set(auth(w.managerA)).send(body);
  const after = [await countRows(c, TABLE[kind]), await countRows(c, 'audit_log')];
  expect({ kind, rowsAndAuditAfter: after }).toEqual({ kind, rowsAndAuditAfter: before });
  return res;
}

describe.each(LEDGER_KINDS.map((k) => [k]))('POST /fofs/:fofId/%s with bad input → 400 naming the field, nothing written', (kind) => {
  it('control: the valid body is accepted (201) and echoes money and dates unchanged', async () => {
    const res = await w.http.post(`/fofs/${A.fofId}/${kind}`).set(auth(w.managerA)).send(validBody(kind, A));
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining(validBody(kind, A)));
  });

  for (const k of casesOf(kind)) {
    it(`${k.name} → 400 at path "${k.path}"`, async () => {
      const res = await postWritesNothing(kind, k.body(A));
      expectValidation(res, k.path);
    });
  }
});

describe('rules between fields → 400 naming a field of the rule, nothing written', () => {
  for (const k of CROSS_FIELD) {
    it(`${k.kind}: ${k.name} → 400 at ${k.paths.join(' or ')}`, async () => {
      const res = await postWritesNothing(k.kind, k.body(A));
      const fieldOfRule = expect.objectContaining({ path: expect.stringMatching(new RegExp(`^(${k.paths.join('|')})$`)) });
      expect({ status: res.status, details: res.body.details }).toEqual({ status: 400, details: expect.arrayContaining([fieldOfRule]) });
    });
  }

  it('project-investments: a hand-off from a VC sub-fund (not SEED or ANGEL) → 400 at handoffSourceSubFundId', async () => {
    const res = await postWritesNothing('project-investments', {
      ...validBody('project-investments', A),
      isHandoff: true,
      handoffSourceSubFundId: vcSubFundId,
      handoffSourceProject: '某项目',
    });
    expectValidation(res, 'handoffSourceSubFundId');
  });

  it('control: a hand-off from the SEED sub-fund is accepted', async () => {
    const res = await w.http
      .post(`/fofs/${A.fofId}/project-investments`)
      .set(auth(w.managerA))
      .send({ ...validBody('project-investments', { ...A, subFundId: vcSubFundId }), isHandoff: true, handoffSourceSubFundId: A.subFundId, handoffSourceProject: '光谷量子科技' });
    expect(res.status).toBe(201);
    expect({ isHandoff: res.body.isHandoff, src: res.body.handoffSourceSubFundId }).toEqual({ isHandoff: true, src: A.subFundId });
  });

  it('control: a valuation of "0.00" (a write-off) is accepted', async () => {
    const res = await w.http.post(`/fofs/${A.fofId}/valuations`).set(auth(w.managerA)).send({ ...validBody('valuations', A), nav: '0.00' });
    expect(res.status).toBe(201);
    expect(res.body.nav).toBe('0.00');
  });
});

/** References to another FoF (of the same organization, so visible to the caller) are not found in this FoF. */
const FOREIGN: Array<{ kind: Kind; name: string; body: (f: FofFixture, o: FofFixture) => Record<string, unknown> }> = [
  ...(['lp-commitments', 'amendments', 'flows', 'valuations', 'project-investments', 'incentive-proposals', 'ma-loans'] as const).map((kind) => ({
    kind,
    name: 'subFundId of another FoF',
    body: (f: FofFixture, o: FofFixture) => ({ ...validBody(kind, f), subFundId: o.subFundId }),
  })),
  ...(['amendments', 'flows', 'valuations'] as const).map((kind) => ({
    kind,
    name: 'directInvestmentId of another FoF',
    body: (f: FofFixture, o: FofFixture) => {
      const { subFundId: _sf, ...rest } = validBody(kind, f);
      return { ...rest, directInvestmentId: o.directInvestmentId };
    },
  })),
  { kind: 'project-exits', name: 'subFundId of another FoF', body: (f, o) => ({ ...validBody('project-exits', f), subFundId: o.subFundId }) },
  { kind: 'project-exits', name: 'projectInvestmentId of another FoF', body: (f, o) => ({ ...validBody('project-exits', f), projectInvestmentId: o.projectInvestmentId }) },
  { kind: 'secondary-purchases', name: 'targetSubFundId of another FoF', body: (f, o) => ({ ...validBody('secondary-purchases', f), targetSubFundId: o.subFundId }) },
  { kind: 'secondary-purchases', name: 'buyerSubFundId of another FoF', body: (f, o) => ({ ...validBody('secondary-purchases', f), buyerSubFundId: o.subFundId }) },
  {
    kind: 'project-investments',
    name: 'handoffSourceSubFundId of another FoF',
    body: (f, o) => ({ ...validBody('project-investments', f), isHandoff: true, handoffSourceSubFundId: o.subFundId, handoffSourceProject: '光谷量子科技' }),
  },
  { kind: 'exceptions', name: 'a SUB_FUND subject of another FoF', body: (f, o) => ({ ...validBody('exceptions', f), subjectId: o.subFundId }) },
  {
    kind: 'exceptions',
    name: 'a DIRECT_INVESTMENT subject of another FoF',
    body: (f, o) => ({ ...validBody('exceptions', f), subjectType: 'DIRECT_INVESTMENT', subjectId: o.directInvestmentId }),
  },
  { kind: 'flows', name: 'a subFundId that does not exist', body: (f) => ({ ...validBody('flows', f), subFundId: '00000000-0000-4000-8000-000000000000' }) },
];

describe('references outside the FoF → 404, nothing written', () => {
  for (const k of FOREIGN) {
    it(`${k.kind}: ${k.name} → 404`, async () => {
      const res = await postWritesNothing(k.kind, k.body(A, other));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    });
  }
});

describe('list queries and reversals with bad input → 400', () => {
  const bad: Array<[query: string, path: string]> = [
    ['pageSize=0', 'pageSize'],
    ['pageSize=501', 'pageSize'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['from=2025-02-30', 'from'],
    ['to=20250101', 'to'],
    ['knownAt=yesterday', 'knownAt'],
    ['knownAt=2025-01-01', 'knownAt'],
    ['subFundId=SF-1', 'subFundId'],
    ['bogus=1', 'bogus'],
  ];
  for (const [q, path] of bad) {
    it(`GET /fofs/:fofId/flows?${q} → 400 at ${path}`, async () => {
      expectValidation(await w.http.get(`/fofs/${A.fofId}/flows?${q}`).set(auth(w.reviewerA)), path);
    });
  }

  for (const [name, body] of [
    ['missing', {}],
    ['empty', { reason: '' }],
    ['blank', { reason: '   ' }],
    ['a number', { reason: 42 }],
  ] as const) {
    it(`POST …/flows/:id/reversal with reason ${name} → 400 at reason, no reversal row`, async () => {
      const before = await countRows(c, 'position_flows');
      expectValidation(await w.http.post(`/fofs/${A.fofId}/flows/${A.rows.flows}/reversal`).set(auth(w.managerA)).send(body), 'reason');
      expect(await countRows(c, 'position_flows')).toBe(before);
    });
  }

  it('POST …/flows/:id/reversal of a row of another FoF → 404, nothing written', async () => {
    const before = await countRows(c, 'position_flows');
    const res = await w.http.post(`/fofs/${A.fofId}/flows/${other.rows.flows}/reversal`).set(auth(w.managerA)).send({ reason: '错误' });
    expect(res.status).toBe(404);
    expect(await countRows(c, 'position_flows')).toBe(before);
  });
});

describe('POST /auth/login', () => {
  const username = 'login-probe';
  const password = 'probe-password-123';

  beforeAll(async () => {
    await w.http
      .post('/admin/users')
      .set(auth(w.adminA))
      .send({ organizationId: w.orgA, username, displayName: 'probe', role: 'REVIEWER', password })
      .expect(201);
  });

  it('the right password gives a bearer token that works', async () => {
    const res = await w.http.post('/auth/login').send({ username, password }).expect(200);
    expect(res.body.tokenType).toBe('Bearer');
    await w.http.get('/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
  });

  it('bad bodies → 400 (unknown field, missing password)', async () => {
    expectValidation(await w.http.post('/auth/login').send({ username, password, role: 'ADMIN' }), 'role');
    expectValidation(await w.http.post('/auth/login').send({ username }), 'password');
  });

  it('a wrong password is 401 (five times); the sixth attempt is 429 with Retry-After, even with the right password', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await w.http.post('/auth/login').send({ username, password: `wrong-${i}` });
      expect({ attempt: i, status: res.status, code: res.body.code }).toEqual({ attempt: i, status: 401, code: 'UNAUTHENTICATED' });
      expect(res.body.token).toBeUndefined();
    }
    const limited = await w.http.post('/auth/login').send({ username, password: 'wrong-6' });
    expect({ status: limited.status, code: limited.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    const retry = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retry) && retry > 0 && retry <= 15 * 60).toBe(true);
    const right = await w.http.post('/auth/login').send({ username, password });
    expect(right.status).toBe(429);
    expect(right.body.token).toBeUndefined();
  });
});
