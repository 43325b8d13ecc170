import { startApi, type ApiHarness } from '../support/api-harness';

describe('customer reads from the read model', () => {
  let api: ApiHarness;
  let lastPosition: string;
  beforeAll(async () => {
    api = await startApi();
    const customers = [
      { kind: 'company', name: 'Acme GmbH', email: 'buy@acme.example', country: 'DE', industry: 'Tools', owner: 'ana', tags: ['vip'] },
      { kind: 'company', name: 'Beta SA', country: 'FR', owner: 'bob', tags: ['vip', 'eu'] },
      { kind: 'person', name: 'Carla Diaz', email: 'carla@mail.example', country: 'ES', owner: 'ana', lifecycleStage: 'prospect' },
      { kind: 'company', name: 'Delta Ltd', country: 'GB', owner: 'bob' },
      { kind: 'company', name: 'echo & sons', country: 'DE', owner: 'ana', tags: ['eu'] },
    ];
    for (const customer of customers) lastPosition = (await api.http().post('/v1/customers').send(customer).expect(201)).body.position;
  });
  afterAll(() => api.close());

  const list = (query: string) => api.http().get(`/v1/customers?consistentWith=${lastPosition}&${query}`).expect(200);
  const names = (response: { body: { items: { name: string }[] } }) => response.body.items.map((item) => item.name);

  it('waits for the caller’s own write with consistentWith, and says how fresh it is', async () => {
    const response = await list('');
    expect(BigInt(response.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(lastPosition));
    expect(names(response)).toEqual(['Acme GmbH', 'Beta SA', 'Carla Diaz', 'Delta Ltd', 'echo & sons']);
  });

  it.each([
    ['owner=ana', ['Acme GmbH', 'Carla Diaz', 'echo & sons']],
    ['tag=vip', ['Acme GmbH', 'Beta SA']],
    ['country=DE&tag=eu', ['echo & sons']],
    ['lifecycleStage=prospect', ['Carla Diaz']],
    ['industry=Tools', ['Acme GmbH']],
    ['q=MAIL.EXAMPLE', ['Carla Diaz']],
    ['q=%25', []], // a literal %, not a wildcard
    ['q=%26', ['echo & sons']],
  ])('filters by %s', async (query, expected) => {
    expect(names(await list(query))).toEqual(expected);
  });

  it('sorts both ways and pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`sort=name&order=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['echo & sons', 'Delta Ltd', 'Carla Diaz', 'Beta SA', 'Acme GmbH']);

    const byRegistration = await list('sort=registeredAt&limit=3');
    expect(names(byRegistration)).toEqual(['Acme GmbH', 'Beta SA', 'Carla Diaz']);
    expect(names(await list(`sort=registeredAt&limit=3&cursor=${byRegistration.body.nextCursor}`))).toEqual(['Delta Ltd', 'echo & sons']);
  });

  it('refuses a cursor it did not issue and bad parameters with 400 naming the field', async () => {
    const cursor = await api.http().get('/v1/customers?cursor=bm9wZQ').expect(400);
    expect(cursor.body.errors).toEqual([{ field: 'cursor', messages: [expect.any(String)] }]);
    const limit = await api.http().get('/v1/customers?limit=0').expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
    await api.http().get('/v1/customers?consistentWith=soon').expect(400);
  });

  it('answers 503 with Retry-After when the read model cannot reach the asked position in time', async () => {
    const farFuture = (BigInt(lastPosition) * 1000n).toString();
    const behind = await api.http().get(`/v1/customers?consistentWith=${farFuture}`).expect(503);
    expect(behind.headers['retry-after']).toBe('1');
    expect(behind.body.code).toBe('read-model-behind');
  }, 15_000);

  it('shows the 360 view with deal, interaction and purchase facts', async () => {
    const { id } = (await api.http().post('/v1/customers').send({ kind: 'company', name: 'Facts Inc' }).expect(201)).body;
    await api.http().post('/v1/deals').send({ customerId: id, title: 'A', amount: '100', currency: 'EUR' }).expect(201);
    await api
      .http()
      .post('/v1/interactions')
      .send({ customerId: id, channel: 'phone', direction: 'outbound', occurredAt: '2026-11-01T10:00:00Z' })
      .expect(201);
    const purchase = await api
      .http()
      .post(`/v1/customers/${id}/purchases`)
      .send({ orderId: 'O-1', amount: '10.10', currency: 'EUR', occurredAt: '2026-11-02T10:00:00Z' });

    const view = await api.http().get(`/v1/customers/${id}?consistentWith=${purchase.body.position}`).expect(200);
    expect(view.body).toMatchObject({
      name: 'Facts Inc',
      deals: { open: 1, won: 0, lost: 0, openPipelineValue: { EUR: '100' } },
      interactions: { count: 1, byChannel: { phone: 1 }, lastAt: '2026-11-01T10:00:00.000Z', lastChannel: 'phone' },
      purchases: { orderCount: 1, byCurrency: { EUR: { orders: 1, total: '10.1', averageOrderValue: '10.10' } } },
    });
  });

  it('reports each projection, live and caught up, at /v1/admin/projections', async () => {
    const { body } = await api.http().get('/v1/admin/projections').expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ name: 'analytics', version: 2, state: 'live', error: null }),
      expect.objectContaining({ name: 'audit-timeline', version: 1, state: 'live', error: null }),
      expect.objectContaining({ name: 'customers', version: 3, state: 'live', error: null }),
      expect.objectContaining({ name: 'pipeline', version: 1, state: 'live', error: null }),
    ]);
    expect(body.items[0].position).toMatch(/^\d+$/);
  });
});
