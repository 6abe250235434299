import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';

describe('ledger smoke', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await createTestWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  it('a fund manager creates a FoF, a sub-fund and a contribution, and reads them back', async () => {
    const fof = await w.http.post('/fofs').set(auth(w.managerA)).send({ code: 'F1', name: '测试母基金', jurisdiction: 'WUHAN' }).expect(201);
    const sf = await w.http
      .post(`/fofs/${fof.body.id}/sub-funds`)
      .set(auth(w.managerA))
      .send({ code: 'S1', name: '种子基金', category: 'SEED', manager: 'M', firstClose: '2024-01-01', termEnd: '2034-01-01' })
      .expect(201);
    const flow = await w.http
      .post(`/fofs/${fof.body.id}/flows`)
      .set(auth(w.managerA))
      .send({ subFundId: sf.body.id, flowType: 'CONTRIBUTION', flowDate: '2024-02-01', amount: '9007199254740993.01' })
      .expect(201);
    expect(flow.body.amount).toBe('9007199254740993.01');
    const list = await w.http.get(`/fofs/${fof.body.id}/flows`).set(auth(w.reviewerA)).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].flowDate).toBe('2024-02-01');
  });
});
