import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

type HistoryItem = { revision: number; recordedAt: string; type: string };

describe('records as of any instant or revision, and their field changes, over HTTP', () => {
  let api: ApiHarness;
  let customerId: string;
  let dealId: string;
  let history: HistoryItem[];
  let analyst: string;

  beforeAll(async () => {
    api = await startApi();
    customerId = (
      await api.http().post('/v1/customers').set('X-Correlation-Id', 'onboarding-7').send({ kind: 'company', name: 'Acme' }).expect(201)
    ).body.id;
    await api
      .http()
      .patch(`/v1/customers/${customerId}`)
      .set('X-Correlation-Id', 'rename-8')
      .send({ name: 'Acme AG', country: 'DE' })
      .expect(200);
    await api
      .http()
      .post(`/v1/customers/${customerId}/tags`)
      .send({ tags: ['vip'] })
      .expect(200);
    dealId = (await api.http().post('/v1/deals').send({ customerId, title: '40 seats', amount: '12000', currency: 'EUR' }).expect(201)).body
      .id;
    await api.http().post(`/v1/deals/${dealId}/stage`).send({ stageId: 'proposal' }).expect(200);
    history = (await api.http().get(`/v1/customers/${customerId}/history`).expect(200)).body.items;
    analyst = (await api.createKey(['analyst'])).secret;
  });
  afterAll(() => api.close());

  it('answers the customer as its state was right after a revision, with the event that made it and that revision as ETag', async () => {
    const response = await api.http().get(`/v1/customers/${customerId}?revision=1`).expect(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      kind: 'customer',
      id: customerId,
      revision: 1,
      state: { status: 'active', name: 'Acme AG', country: 'DE', tags: [] },
      event: { type: 'CustomerProfileUpdated', revision: 1, metadata: { correlationId: 'rename-8' } },
    });
  });

  it('answers the state at an instant: the events recorded until then', async () => {
    const [registered, renamed] = history;
    const response = await api.http().get(`/v1/customers/${customerId}?asOf=${registered.recordedAt}`).expect(200);
    expect(response.body).toMatchObject({ revision: 0, asOf: registered.recordedAt, state: { name: 'Acme', tags: [] } });
    const later = await api
      .http()
      .get(`/v1/customers/${customerId}?asOf=${encodeURIComponent(renamed.recordedAt)}`)
      .expect(200);
    expect(later.body).toMatchObject({ revision: 1, state: { name: 'Acme AG' } });
  });

  it('works for every record kind through the same parameters', async () => {
    const deal = await api.http().get(`/v1/deals/${dealId}?revision=0`).expect(200);
    expect(deal.body).toMatchObject({ kind: 'deal', revision: 0, state: { stageId: 'lead-in' } });
    const current = await api.http().get(`/v1/deals/${dealId}`).expect(200);
    expect(current.body).toMatchObject({ stageId: 'proposal' });
  });

  it('refuses a point before the record existed or a revision it never had with 404, and malformed or future ones with 400', async () => {
    const before = await api.http().get(`/v1/customers/${customerId}?asOf=2020-01-01T00:00:00Z`);
    expectProblem(before, 404, 'customer-not-yet-existing');
    expect(before.body.detail).toContain(history[0].recordedAt);
    expectProblem(await api.http().get(`/v1/customers/${customerId}?revision=9`), 404, 'customer-revision-not-found');
    expectProblem(await api.http().get(`/v1/customers/${customerId}?asOf=yesterday`), 400, 'invalid-record-point');
    expectProblem(await api.http().get(`/v1/customers/${customerId}?asOf=2026-09-30T23:59:59`), 400, 'invalid-record-point');
    expectProblem(await api.http().get(`/v1/customers/${customerId}?asOf=2999-01-01T00:00:00Z`), 400, 'invalid-record-point');
    expectProblem(await api.http().get(`/v1/customers/${customerId}?revision=-1`), 400, 'invalid-record-point');
    expectProblem(
      await api.http().get(`/v1/customers/${customerId}?revision=1&asOf=${history[0].recordedAt}`),
      400,
      'invalid-record-point',
    );
  });

  it('keeps past states from roles that read no history', async () => {
    expectProblem(await api.as(analyst).get(`/v1/customers/${customerId}?revision=0`), 403, 'forbidden');
    await api.as(analyst).get(`/v1/customers/${customerId}`).expect(200);
  });

  it('lists field changes between two revisions or instants, each with actor and correlation', async () => {
    const response = await api
      .http()
      .get(`/v1/customers/${customerId}/diff?from=0&to=${encodeURIComponent(history[2].recordedAt)}`)
      .expect(200);
    expect(response.body).toMatchObject({ kind: 'customer', id: customerId, fromRevision: 0, toRevision: 2 });
    expect(response.body.changes).toEqual([
      expect.objectContaining({
        field: 'name',
        from: 'Acme',
        to: 'Acme AG',
        revision: 1,
        correlationId: 'rename-8',
        type: 'CustomerProfileUpdated',
      }),
      expect.objectContaining({ field: 'country', from: null, to: 'DE', revision: 1 }),
      expect.objectContaining({
        field: 'tags',
        added: ['vip'],
        removed: [],
        revision: 2,
        actor: expect.objectContaining({ type: 'api-key' }),
      }),
    ]);
  });

  it('refuses a diff whose from is after its to, and bounds that are neither revision nor instant', async () => {
    expectProblem(await api.http().get(`/v1/customers/${customerId}/diff?from=2&to=1`), 400, 'reversed-range');
    expectProblem(await api.http().get(`/v1/customers/${customerId}/diff?from=soon`), 400, 'invalid-record-point');
    expectProblem(await api.http().get(`/v1/customers/${customerId}/diff?to=9`), 404, 'customer-revision-not-found');
  });

  it('writes nothing', async () => {
    await api.writesNothing(() => api.http().get(`/v1/customers/${customerId}?revision=0`).expect(200));
    await api.writesNothing(() => api.http().get(`/v1/customers/${customerId}/diff`).expect(200));
  });
});
