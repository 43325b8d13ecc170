import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

describe('segments through the HTTP API', () => {
  let api: ApiHarness;
  const customers: Record<string, string> = {};
  let lastPosition = '0';

  const register = async (name: string, body: object = {}) => {
    const response = await api
      .http()
      .post('/v1/customers')
      .send({ kind: 'company', name, ...body })
      .expect(201);
    customers[name] = response.body.id;
    lastPosition = response.body.position;
  };
  const buy = async (name: string, orderId: string, amount: string) => {
    const response = await api
      .http()
      .post(`/v1/customers/${customers[name]}/purchases`)
      .send({ orderId, amount, currency: 'EUR', occurredAt: new Date().toISOString() })
      .expect(200);
    lastPosition = response.body.position;
  };
  const memberNames = async (segmentId: string, query = '') => {
    const response = await api.http().get(`/v1/segments/${segmentId}/members?consistentWith=${lastPosition}${query}`).expect(200);
    return (response.body.items as { name: string }[]).map((member) => member.name);
  };

  beforeAll(async () => {
    api = await startApi();
    await register('Anna', { tags: ['vip'], country: 'DE' });
    await register('Bert', { tags: ['vip'], country: 'FR' });
    await register('Carl', { country: 'DE' });
    await buy('Anna', 'A-1', '120.00');
  });
  afterAll(() => api.close());

  const VIP_BUYERS = {
    all: [
      { fact: 'tags', op: 'hasAny', value: ['vip'] },
      { fact: 'orderCount', op: 'gte', value: 1 },
    ],
  };

  it('defines a segment, keeps its members as facts change, and filters the customer list by it', async () => {
    const created = await api.http().post('/v1/segments').send({ name: 'VIP buyers', rule: VIP_BUYERS }).expect(201);
    const segmentId = created.body.id;
    expect(created.headers.location).toBe(`/v1/segments/${segmentId}`);
    lastPosition = created.body.position;
    expect(await memberNames(segmentId)).toEqual(['Anna']);

    await buy('Bert', 'B-1', '30');
    expect(await memberNames(segmentId)).toEqual(['Anna', 'Bert']);
    const list = await api.http().get(`/v1/customers?segment=${segmentId}&consistentWith=${lastPosition}`).expect(200);
    expect(list.body.items.map((customer: { name: string }) => customer.name)).toEqual(['Anna', 'Bert']);
    const anna = await api.http().get(`/v1/customers/${customers.Anna}?consistentWith=${lastPosition}`).expect(200);
    expect(anna.body.segments).toEqual([expect.objectContaining({ segmentId, name: 'VIP buyers' })]);

    const segment = await api.http().get(`/v1/segments/${segmentId}?consistentWith=${lastPosition}`).expect(200);
    expect(segment.body).toMatchObject({ name: 'VIP buyers', status: 'active', members: 2, timeBased: false, rfmBased: false });
    expect(segment.headers.etag).toBe('"0"');
  });

  it('redefines with If-Match, retires, and keeps the whole history', async () => {
    const { body } = await api
      .http()
      .post('/v1/segments')
      .send({ name: 'Germans', rule: { fact: 'country', op: 'eq', value: 'DE' } })
      .expect(201);
    lastPosition = body.position;
    expect((await memberNames(body.id)).sort()).toEqual(['Anna', 'Carl']);

    await api.http().patch(`/v1/segments/${body.id}`).set('If-Match', '"7"').send({ name: 'x' }).expect(412);
    const redefined = await api
      .http()
      .patch(`/v1/segments/${body.id}`)
      .set('If-Match', '"0"')
      .send({ rule: { fact: 'country', op: 'in', value: ['fr'] } })
      .expect(200);
    lastPosition = redefined.body.position;
    expect(await memberNames(body.id)).toEqual(['Bert']);

    const retired = await api.http().post(`/v1/segments/${body.id}/retire`).send({ reason: 'Campaign over' }).expect(200);
    lastPosition = retired.body.position;
    expect(await memberNames(body.id)).toEqual([]);
    expect((await memberNames(body.id, '&history=true')).sort()).toEqual(['Anna', 'Bert', 'Carl']);
    expectProblem(await api.http().patch(`/v1/segments/${body.id}`).send({ name: 'Back' }), 409, 'segment-retired');

    const history = await api.http().get(`/v1/segments/${body.id}/history`).expect(200);
    expect(history.body.items.map((event: { type: string }) => event.type)).toEqual([
      'SegmentDefined',
      'SegmentRedefined',
      'SegmentRetired',
    ]);
    const retiredOnes = await api.http().get(`/v1/segments?status=retired&consistentWith=${lastPosition}`).expect(200);
    expect(retiredOnes.body.items.map((segment: { name: string }) => segment.name)).toEqual(['Germans']);
  });

  it('dry-runs a rule without saving it', async () => {
    const { body } = await api
      .http()
      .post('/v1/segments/dry-run')
      .send({ rule: { fact: 'tags', op: 'hasNone', value: ['vip'] }, sample: 5 })
      .expect(200);
    expect(body).toMatchObject({ matching: 1, sample: [{ customerId: customers.Carl, name: 'Carl' }] });
  });

  it('refuses an invalid rule with a problem naming where it is wrong', async () => {
    const bad = await api
      .http()
      .post('/v1/segments')
      .send({ name: 'Bad', rule: { all: [{ fact: 'orderCount', op: 'gte', value: 'many' }] } });
    expectProblem(bad, 400, 'invalid-segment-rule');
    expect(bad.body.detail).toContain('rule.all[0].value');
    expectProblem(await api.http().post('/v1/segments').send({ name: 'No rule' }), 400, 'validation-failed');
    expectProblem(
      await api
        .http()
        .post('/v1/segments/dry-run')
        .send({ rule: { not: [] } }),
      400,
      'invalid-segment-rule',
    );
  });

  it('refreshes RFM scores and time-based segments on demand', async () => {
    const { body } = await api
      .http()
      .post('/v1/segments')
      .send({ name: 'Top spenders', rule: { fact: 'rfmMonetary', op: 'eq', value: 5 } })
      .expect(201);
    lastPosition = body.position;
    const refresh = await api.http().post('/v1/admin/segments/refresh').send({}).expect(200);
    expect(refresh.body).toMatchObject({ rfmScored: 2 });
    expect(await memberNames(body.id)).toEqual(['Anna']);
    const anna = await api.http().get(`/v1/customers/${customers.Anna}`).expect(200);
    expect(anna.body.rfm).toMatchObject({ monetary: 5, currency: 'EUR' });
  });

  it('answers 404 for an unknown segment', async () => {
    expectProblem(await api.http().get('/v1/segments/0b6c2d1e-9999-4a1a-8a1a-000000000001'), 404, 'segment-not-found');
    expectProblem(await api.http().get('/v1/segments/0b6c2d1e-9999-4a1a-8a1a-000000000001/members'), 404, 'segment-not-found');
  });
});
