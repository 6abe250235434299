import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '../../libs/config/config.js';
import { createApp } from '../../apps/api/bootstrap.js';
import { AdminService } from '../../libs/application/admin/admin.service.js';
import { createTestDatabase } from './test-database.js';
import { PolicyPackService } from '../../libs/application/policy/policy-pack.service.js';

export interface TestUser {
  id: string;
  username: string;
  role: 'FUND_MANAGER' | 'REVIEWER' | 'ADMIN';
  organizationId: string;
  token: string;
}

export interface TestWorld {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  databaseUrl: string;
  orgA: string;
  orgB: string;
  /** Organization A (WUHAN) runs a FoF; its finance bureau reviews WUHAN. */
  managerA: TestUser;
  reviewerA: TestUser;
  adminA: TestUser;
  /** Organization B (ZHENGZHOU): must never see A's data. */
  managerB: TestUser;
  reviewerB: TestUser;
  close(): Promise<void>;
}

const PASSWORD = 'correct-horse-battery';

/**
 * A running app on its own cloned database with two jurisdictions: WUHAN (group A, bureau A) and
 * ZHENGZHOU (group B, bureau B), and a logged-in user for each role.
 */
export async function createTestWorld(): Promise<TestWorld> {
  const databaseUrl = await createTestDatabase();
  // STRICT_GUARD=off passes through, to show what the strict-mode lock prevents (test/strict-mode.e2e-spec.ts).
  // Evidence files go to a throw-away folder, not the project's .data.
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'govfof-test-files-'));
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: '0', STRICT_GUARD: process.env.STRICT_GUARD, STORAGE_DIR: storage }), logRequests: false };
  const app = await createApp(config, databaseUrl, { logger: false });
  await app.init();
  await app.get(PolicyPackService).loadShipped(config.policyPacksDir);
  const admin = app.get(AdminService);
  const mk = (code: string, kind: string, jurisdiction: string) => admin.createOrganization(null, { code, name: `${code} 测试机构`, kind, jurisdiction });
  const groupA = await mk('GROUP-A', 'INVESTMENT_GROUP', 'WUHAN');
  const bureauA = await mk('BUREAU-A', 'FINANCE_BUREAU', 'WUHAN');
  const groupB = await mk('GROUP-B', 'INVESTMENT_GROUP', 'ZHENGZHOU');
  const bureauB = await mk('BUREAU-B', 'FINANCE_BUREAU', 'ZHENGZHOU');
  const http = request(app.getHttpServer());
  const user = async (username: string, role: TestUser['role'], organizationId: string): Promise<TestUser> => {
    const u = await admin.createUser(null, { organizationId, username, displayName: username, role, password: PASSWORD });
    const res = await http.post('/auth/login').send({ username, password: PASSWORD }).expect(200);
    return { id: u.id, username, role, organizationId, token: res.body.token as string };
  };
  return {
    app,
    http,
    databaseUrl,
    orgA: groupA.id,
    orgB: groupB.id,
    managerA: await user('manager-a', 'FUND_MANAGER', groupA.id),
    reviewerA: await user('reviewer-a', 'REVIEWER', bureauA.id),
    adminA: await user('admin-a', 'ADMIN', groupA.id),
    managerB: await user('manager-b', 'FUND_MANAGER', groupB.id),
    reviewerB: await user('reviewer-b', 'REVIEWER', bureauB.id),
    close: async () => {
      await app.close();
      fs.rmSync(storage, { recursive: true, force: true });
    },
  };
}

export const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
export const TEST_PASSWORD = PASSWORD;
