import { startApi, type ApiHarness } from '../support/api-harness';

describe('analytics: KPIs and time series over HTTP', () => {
  let api: ApiHarness;
  let lastPosition: string;
  // Deals are opened and closed now: a period around today, so a run across midnight UTC still sees them.
  const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await startApi();
    const post = async (path: string, body: object, status = 201) => {
      const { body: answer } = await api.http().post(path).send(body).expect(status);
      lastPosition = answer.position ?? lastPosition;
      return answer as { id: string; position: string };
    };
    const acme = (await post('/v1/customers', { kind: 'company', name: 'Acme', owner: 'ana', lifecycleStage: 'customer' })).id;
    const beta = (await post('/v1/customers', { kind: 'company', name: 'Beta', owner: 'bob' })).id;
    const buy = (customer: string, orderId: string, amount: string, currency: string, occurredAt: string) =>
      post(`/v1/customers/${customer}/purchases`, { orderId, amount, currency, occurredAt }, 200);
    await buy(acme, 'O-1', '10.10', 'EUR', '2026-11-02T10:00:00Z');
    await buy(acme, 'O-2', '5', 'EUR', '2026-11-02T12:00:00Z');
    await buy(acme, 'O-3', '7', 'USD', '2026-11-20T10:00:00Z');
    await buy(beta, 'B-1', '2.5', 'EUR', '2026-12-01T10:00:00Z');
    const lines = [
      { sku: 'DRL', name: 'Drill', category: 'tools', quantity: '2', unitPrice: '10', amount: '20' },
      { sku: 'BIT', name: 'Bits', quantity: '1', unitPrice: '10', amount: '10' },
    ];
    const withLines = { orderId: 'B-2', amount: '30', currency: 'EUR', occurredAt: '2026-10-15T10:00:00Z', items: lines };
    await post(`/v1/customers/${beta}/purchases`, withLines, 200);
    const credit = { returnId: 'CN-1', items: [{ sku: 'DRL', quantity: '1' }], returnedAt: '2026-11-05T10:00:00Z' };
    await post(`/v1/customers/${beta}/purchases/B-2/returns`, credit, 200);
    await post('/v1/interactions', { customerId: acme, channel: 'phone', direction: 'inbound', occurredAt: '2026-11-03T09:00:00Z' });
    await post('/v1/interactions', { customerId: acme, channel: 'email', direction: 'outbound', occurredAt: '2026-11-04T09:00:00Z' });
    const deal = async (customerId: string, owner: string, amount: string) =>
      (await post('/v1/deals', { customerId, title: 'Seats', amount, currency: 'EUR', owner })).id;
    const [won, lost] = [await deal(acme, 'ana', '1000'), await deal(beta, 'bob', '80')];
    await deal(acme, 'ana', '300');
    await post(`/v1/deals/${won}/win`, {}, 200);
    await post(`/v1/deals/${lost}/lose`, { reason: 'No budget' }, 200);
  });
  afterAll(() => api.close());

  const get = (path: string) => api.http().get(`${path}&consistentWith=${lastPosition}`).expect(200);

  it('answers the KPIs of a period, all of them and per owner', async () => {
    const november = await get('/v1/analytics/kpis?from=2026-11-01&to=2026-12-01');
    expect(BigInt(november.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(lastPosition));
    expect(november.body).toMatchObject({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      owner: null,
      purchases: {
        buyers: 1,
        repeatBuyers: 1,
        repeatPurchaseRate: 1,
        byCurrency: [
          { currency: 'EUR', orders: 2, revenue: '15.1', buyers: 1, averageOrderValue: '7.55', purchaseFrequency: 2 },
          { currency: 'USD', orders: 1, revenue: '7', buyers: 1, averageOrderValue: '7', purchaseFrequency: 1 },
        ],
      },
      interactions: { interactions: 2, customers: 1, interactionsPerCustomer: 2 },
    });

    const now = await get(`/v1/analytics/kpis?from=${today}&to=${tomorrow}`);
    expect(now.body.deals).toMatchObject({ closed: 2, won: 1, lost: 1, winRate: 0.5 });
    expect(now.body.deals.byCurrency).toEqual([expect.objectContaining({ currency: 'EUR', wonCount: 1, wonAmount: '1000', openCount: 1 })]);
    expect(now.body.stageConversion).toMatchObject({ pipelineId: '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e', cohort: 3, won: 1 });
    // Acme registered as a customer today: nobody was active at the start, so no churn rate.
    expect(now.body.customers).toMatchObject({ activeAtStart: 0, newCustomers: 2, churned: 0, churnRate: null, retentionRate: null });

    const ana = await get(`/v1/analytics/kpis?from=${today}&to=${tomorrow}&owner=ana`);
    expect(ana.body).toMatchObject({ owner: 'ana', deals: { closed: 1, won: 1, lost: 0, winRate: 1 }, customers: { newCustomers: 1 } });
  });

  it('answers a metric per bucket, every bucket listed, money per currency', async () => {
    const revenue = await get('/v1/analytics/timeseries?metric=revenue&interval=month&from=2026-10-01&to=2027-01-01');
    expect(revenue.body).toEqual({
      metric: 'revenue',
      interval: 'month',
      from: '2026-10-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      owner: null,
      unit: 'money',
      series: [
        {
          currency: 'EUR',
          points: [
            // 30 bought in October, 10 of it returned in November: net revenue stays on the purchase's month.
            { start: '2026-10-01', value: '20' },
            { start: '2026-11-01', value: '15.1' },
            { start: '2026-12-01', value: '2.5' },
          ],
        },
        {
          currency: 'USD',
          points: [
            { start: '2026-10-01', value: '0' },
            { start: '2026-11-01', value: '7' },
            { start: '2026-12-01', value: '0' },
          ],
        },
      ],
    });
    // ISO weeks start on Monday: 2026-11-02 is one.
    const orders = await get('/v1/analytics/timeseries?metric=orders&interval=week&from=2026-11-02&to=2026-11-23&owner=ana');
    expect(orders.body).toMatchObject({ unit: 'count', owner: 'ana' });
    expect(orders.body.series).toEqual([
      {
        currency: null,
        points: [
          { start: '2026-11-02', value: 2 },
          { start: '2026-11-09', value: 0 },
          { start: '2026-11-16', value: 1 },
        ],
      },
    ]);
    const won = await get(`/v1/analytics/timeseries?metric=deals_won&from=${today}&to=${tomorrow}`);
    expect(won.body.series[0].points.map((point: { value: number }) => point.value).sort()).toEqual([0, 0, 1]);
  });

  it('answers revenue per product category and month, net of returns, lines without a category apart', async () => {
    const byCategory = await get('/v1/analytics/timeseries?metric=category_revenue&interval=month&from=2026-10-01&to=2026-12-01');
    expect(byCategory.body).toMatchObject({ metric: 'category_revenue', unit: 'money' });
    expect(byCategory.body.series).toEqual([
      {
        currency: 'EUR',
        category: 'tools',
        points: [
          { start: '2026-10-01', value: '10' },
          { start: '2026-11-01', value: '0' },
        ],
      },
      {
        currency: 'EUR',
        category: null,
        points: [
          { start: '2026-10-01', value: '10' },
          { start: '2026-11-01', value: '0' },
        ],
      },
    ]);
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const field = async (path: string) => (await api.http().get(path).expect(400)).body.errors[0].field;
    expect(await field('/v1/analytics/kpis?from=2026-11-01')).toBe('to');
    expect(await field('/v1/analytics/kpis?from=2026-13-01&to=2026-12-01')).toBe('from');
    expect(await field('/v1/analytics/kpis?from=2026-12-01&to=2026-12-01')).toBe('to');
    expect(await field('/v1/analytics/timeseries?metric=profit&from=2026-11-01&to=2026-12-01')).toBe('metric');
    expect(await field('/v1/analytics/timeseries?metric=orders&interval=year&from=2026-11-01&to=2026-12-01')).toBe('interval');
    expect(await field('/v1/analytics/timeseries?metric=orders&from=2000-01-01&to=2026-12-01')).toBe('to');
  });
});
