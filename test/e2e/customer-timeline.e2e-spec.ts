import { randomUUID } from 'node:crypto';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

type Entry = {
  position: string;
  type: string;
  record: { kind: string; id: string };
  actor: { type: string; id: string } | null;
  correlationId: string | null;
  source: string | null;
  summary: string;
  changes: Record<string, unknown>;
};

describe('customer timeline over HTTP', () => {
  let api: ApiHarness;
  let customerId: string;
  let dealId: string;
  let callId: string;
  let lastPosition: string;

  beforeAll(async () => {
    api = await startApi();
    const registered = await api
      .http()
      .post('/v1/customers')
      .set('X-Correlation-Id', 'onboarding-42')
      .send({ kind: 'company', name: 'Acme', tags: ['vip'] })
      .expect(201);
    customerId = registered.body.id;
    await api.http().patch(`/v1/customers/${customerId}`).send({ name: 'Acme AG' }).expect(200);
    await api
      .http()
      .post(`/v1/customers/${customerId}/tags`)
      .send({ tags: ['enterprise'] })
      .expect(200);
    dealId = (await api.http().post('/v1/deals').send({ customerId, title: '40 seats', amount: '12000', currency: 'EUR' }).expect(201)).body
      .id;
    await api.http().post(`/v1/deals/${dealId}/stage`).send({ stageId: 'proposal' }).expect(200);
    callId = (
      await api
        .http()
        .post('/v1/interactions')
        .send({ customerId, dealId, channel: 'phone', direction: 'outbound', occurredAt: '2026-03-02T10:30:00Z', subject: 'Pricing' })
        .expect(201)
    ).body.id;
    lastPosition = (await api.http().post(`/v1/deals/${dealId}/win`).send({}).expect(200)).body.position;
    // Another customer's events never show.
    await api.http().post('/v1/customers').send({ kind: 'person', name: 'Someone Else' }).expect(201);
  });
  afterAll(() => api.close());

  const timeline = (query = '') => api.http().get(`/v1/customers/${customerId}/timeline?consistentWith=${lastPosition}${query}`);

  it('lists the customer’s own events and those of its deal and interaction, newest first, with actor and summaries', async () => {
    const response = await timeline().expect(200);
    expect(BigInt(response.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(lastPosition));
    const items: Entry[] = response.body.items;
    expect(response.body.nextCursor).toBeNull();
    expect(items.map(({ type, record, summary }) => ({ type, record, summary }))).toEqual([
      { type: 'DealWon', record: { kind: 'deal', id: dealId }, summary: 'won 12,000 EUR in proposal' },
      { type: 'InteractionLogged', record: { kind: 'interaction', id: callId }, summary: 'logged outbound phone: Pricing' },
      { type: 'DealStageChanged', record: { kind: 'deal', id: dealId }, summary: 'stage: lead-in → proposal (50%)' },
      { type: 'DealOpened', record: { kind: 'deal', id: dealId }, summary: 'opened 40 seats: 12,000 EUR in lead-in (10%)' },
      { type: 'CustomerTagsAdded', record: { kind: 'customer', id: customerId }, summary: 'tags: +enterprise' },
      { type: 'CustomerProfileUpdated', record: { kind: 'customer', id: customerId }, summary: 'name: Acme → Acme AG' },
      { type: 'CustomerRegistered', record: { kind: 'customer', id: customerId }, summary: 'registered company Acme as lead' },
    ]);
    for (const item of items) {
      expect(item.actor).toMatchObject({ type: 'api-key', id: 'admin' });
      expect(item.source).toBe('api');
    }
    const positions = items.map((item) => BigInt(item.position));
    expect([...positions].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(positions);
    expect(items.at(-1)).toMatchObject({
      correlationId: 'onboarding-42',
      changes: { name: { from: null, to: 'Acme' }, tags: { added: ['vip'] } },
      revision: 0,
      occurredAt: expect.stringMatching(/Z$/),
      recordedAt: expect.stringMatching(/Z$/),
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(items[5].changes).toEqual({ name: { from: 'Acme', to: 'Acme AG' } });
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const all: Entry[] = (await timeline().expect(200)).body.items;
    const seen: Entry[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: Entry[]; nextCursor: string | null } } = await timeline(
        `&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      sizes.push(body.items.length);
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(all);
  });

  it('answers 404 problem+json for a customer it does not know, and 400 for a bad cursor, limit or id', async () => {
    expectProblem(await api.http().get(`/v1/customers/${randomUUID()}/timeline?consistentWith=${lastPosition}`), 404, 'customer-not-found');
    // A deal is not a customer.
    expectProblem(await api.http().get(`/v1/customers/${dealId}/timeline?consistentWith=${lastPosition}`), 404, 'customer-not-found');
    const cursor = await timeline('&cursor=bm9wZQ');
    expectProblem(cursor, 400, 'validation-failed');
    expect(cursor.body.errors).toEqual([{ field: 'cursor', messages: [expect.any(String)] }]);
    expectProblem(await timeline('&limit=0'), 400, 'validation-failed');
    expectProblem(await api.http().get('/v1/customers/not-a-uuid/timeline'), 400, 'validation-failed');
  });

  it('answers 503 with Retry-After when the read model cannot reach the asked position in time', async () => {
    const farFuture = (BigInt(lastPosition) * 1000n).toString();
    const behind = await api.http().get(`/v1/customers/${customerId}/timeline?consistentWith=${farFuture}`);
    expectProblem(behind, 503, 'read-model-behind');
    expect(behind.headers['retry-after']).toBe('1');
  }, 15_000);
});
