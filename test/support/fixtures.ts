import type { Response } from 'superagent';
import pg from 'pg';
import { expect } from '@jest/globals';
import { auth, type TestUser, type TestWorld } from './test-app.js';

/** Shared fixtures of the e2e suites: one valid body per ledger kind, a FoF with one row of each, raw SQL helpers. */

export const LEDGER_KINDS = [
  'lp-commitments',
  'amendments',
  'flows',
  'valuations',
  'project-investments',
  'project-exits',
  'secondary-purchases',
  'incentive-proposals',
  'exceptions',
  'ma-loans',
] as const;
export type Kind = (typeof LEDGER_KINDS)[number];

/** The append-only table behind each ledger route (written out by hand, not read from the code). */
export const TABLE: Record<Kind, string> = {
  'lp-commitments': 'lp_commitments',
  amendments: 'position_amendments',
  flows: 'position_flows',
  valuations: 'valuations',
  'project-investments': 'project_investments',
  'project-exits': 'project_exits',
  'secondary-purchases': 'secondary_purchases',
  'incentive-proposals': 'incentive_proposals',
  exceptions: 'policy_exceptions',
  'ma-loans': 'ma_loans',
};

/** Ids a valid body may point at, all inside one FoF. */
export interface Refs {
  fofId: string;
  subFundId: string;
  directInvestmentId: string;
  projectInvestmentId: string;
}

/** A valid request body for each ledger kind. */
export function validBody(kind: Kind, r: Refs): Record<string, unknown> {
  switch (kind) {
    case 'lp-commitments':
      return { subFundId: r.subFundId, investorName: '湖北某保险资管', investorKind: 'INSURER', amount: '30000000.00', commitDate: '2024-01-15' };
    case 'amendments':
      return { subFundId: r.subFundId, kind: 'TERM_EXTENSION', effectiveDate: '2025-06-30', newTermEnd: '2036-01-01', documentNo: '武金控〔2025〕12号' };
    case 'flows':
      return { subFundId: r.subFundId, flowType: 'CONTRIBUTION', flowDate: '2024-02-01', amount: '10000000.00' };
    case 'valuations':
      return { subFundId: r.subFundId, valuationDate: '2024-12-31', nav: '12500000.00' };
    case 'project-investments':
      return { subFundId: r.subFundId, projectName: '光谷量子科技', stage: 'SEED', investmentDate: '2024-05-20', amount: '3000000.00' };
    case 'project-exits':
      return { subFundId: r.subFundId, projectInvestmentId: r.projectInvestmentId, exitDate: '2025-09-30', proceeds: '4500000.00' };
    case 'secondary-purchases':
      return {
        targetSubFundId: r.subFundId,
        fundInterest: '某创投基金有限合伙 LP 份额',
        seller: '某保险资管',
        purchaseDate: '2025-03-31',
        commitmentTransferred: '20000000.00',
        paidInTransferred: '16000000.00',
        unfundedTransferred: '4000000.00',
        referenceNav: '18000000.00',
        referenceNavDate: '2024-12-31',
        price: '15300000.00',
      };
    case 'incentive-proposals':
      return { subFundId: r.subFundId, proposalDate: '2025-04-30', socialLpReward: '1200000.00', managerReward: '800000.00', description: '超额收益让利' };
    case 'exceptions':
      return {
        ruleId: 'gov-share-cap',
        subjectType: 'SUB_FUND',
        subjectId: r.subFundId,
        documentNo: '武财金〔2025〕88号',
        approver: '武汉市财政局',
        approvedOn: '2025-05-15',
      };
    case 'ma-loans':
      return {
        subFundId: r.subFundId,
        borrower: '某上市公司',
        target: '某光模块企业',
        controlling: true,
        dealAmount: '500000000.00',
        loanAmount: '400000000.00',
        startDate: '2025-07-01',
        maturityDate: '2032-06-30',
      };
  }
}

export interface FofFixture extends Refs {
  code: string;
  /** One row id per ledger kind. */
  rows: Record<Kind, string>;
}

export const sqlClient = async (w: TestWorld): Promise<pg.Client> => {
  const c = new pg.Client({ connectionString: w.databaseUrl });
  await c.connect();
  return c;
};

export async function countRows(c: pg.Client, table: string, fofId?: string): Promise<number> {
  const r = fofId
    ? await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE fof_id = $1`, [fofId])
    : await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
  return Number(r.rows[0]!.n);
}

/**
 * Runs `fn` connected as a fresh login role that may read and insert every table (as an application's
 * role would) but is no superuser; the role is dropped afterwards.
 */
export async function asLedgerRole<T>(w: TestWorld, admin: pg.Client, prefix: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const role = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'ledger-role-test'`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await admin.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ${role}`);
  const u = new URL(w.databaseUrl);
  u.username = role;
  u.password = 'ledger-role-test';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
    await admin.query(`DROP OWNED BY ${role}`);
    await admin.query(`DROP ROLE ${role}`);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates one ledger row of a kind through the API; a valid body must give 201. */
export async function createRow(w: TestWorld, kind: Kind, refs: Refs, owner: TestUser = w.managerA, body?: Record<string, unknown>): Promise<string> {
  const res = await w.http.post(`/fofs/${refs.fofId}/${kind}`).set(auth(owner)).send(body ?? validBody(kind, refs));
  if (res.status !== 201) throw new Error(`POST /fofs/${refs.fofId}/${kind} with a valid body gave ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A FoF owned by `owner` with a SEED sub-fund, a direct investment and one row of every ledger kind. */
export async function buildFof(w: TestWorld, code: string, owner: TestUser = w.managerA): Promise<FofFixture> {
  const h = auth(owner);
  const fof = await w.http.post('/fofs').set(h).send({ code, name: `${code} 测试母基金`, jurisdiction: owner.organizationId === w.orgB ? 'ZHENGZHOU' : 'WUHAN' });
  expect(fof.status).toBe(201);
  const fofId = fof.body.id as string;
  const sf = await w.http
    .post(`/fofs/${fofId}/sub-funds`)
    .set(h)
    .send({ code: `${code}-SEED`, name: '光谷种子基金', category: 'SEED', manager: '光谷创投管理有限公司', firstClose: '2023-03-15', termEnd: '2033-03-14' });
  expect(sf.status).toBe(201);
  const di = await w.http
    .post(`/fofs/${fofId}/direct-investments`)
    .set(h)
    .send({ code: `${code}-DI`, projectName: '武汉某芯片设计公司', stage: 'GROWTH', isTech: true, decisionDate: '2023-08-01', commitment: '5000000.00' });
  expect(di.status).toBe(201);
  const refs: Refs = { fofId, subFundId: sf.body.id, directInvestmentId: di.body.id, projectInvestmentId: '' };
  const rows = {} as Record<Kind, string>;
  for (const kind of LEDGER_KINDS) {
    rows[kind] = await createRow(w, kind, refs, owner);
    if (kind === 'project-investments') refs.projectInvestmentId = rows[kind];
  }
  return { ...refs, code, rows };
}

/** Asserts a 400 whose details name `path`, in the documented error shape. */
export function expectValidation(res: { status: number; body: Record<string, unknown> }, path: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION' });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: 400, message: expect.any(String), correlationId: expect.any(String), details: expect.any(Array) }),
  );
  const paths = (res.body.details as Array<{ path: string; reason: string }>).map((d) => d.path);
  expect(paths).toContain(path);
}

/** A supertest parser that keeps a binary body (a workbook, an evidence file) as one Buffer: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: Response, cb: (err: Error | null, body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
  res.on('error', (e) => cb(e, null));
}
