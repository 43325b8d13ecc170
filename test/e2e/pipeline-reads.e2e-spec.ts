import { startApi, type ApiHarness } from '../support/api-harness';

describe('deal list, pipeline summary and forecast from the pipeline read model', () => {
  let api: ApiHarness;
  let lastPosition: string;
  const deals: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    const customer = async (name: string) => (await api.http().post('/v1/customers').send({ kind: 'company', name }).expect(201)).body.id;
    const [acme, beta] = [await customer('Acme'), await customer('Beta')];
    const open = async (key: string, body: object) => {
      deals[key] = (await api.http().post('/v1/deals').send(body).expect(201)).body.id;
    };
    const command = async (key: string, action: string, body: object = {}) => {
      lastPosition = (await api.http().post(`/v1/deals/${deals[key]}/${action}`).send(body).expect(200)).body.position;
    };
    // The default pipeline: lead-in 10 %, qualified 25 %, proposal 50 %, negotiation 75 %.
    await open('big', {
      customerId: acme,
      title: 'Big',
      amount: '1000.00',
      currency: 'EUR',
      expectedCloseDate: '2027-01-15',
      owner: 'ana',
    });
    await open('small', {
      customerId: acme,
      title: 'Small',
      amount: '250.50',
      currency: 'EUR',
      expectedCloseDate: '2027-01-20',
      owner: 'bob',
    });
    await open('usd', { customerId: beta, title: 'USD', amount: '400', currency: 'USD', expectedCloseDate: '2027-02-01', owner: 'ana' });
    await open('won', { customerId: beta, title: 'Won', amount: '300', currency: 'EUR', owner: 'ana' });
    await open('lost', { customerId: beta, title: 'Lost', amount: '80', currency: 'EUR' });
    await command('big', 'stage', { stageId: 'qualified' });
    await command('big', 'stage', { stageId: 'proposal' });
    await command('usd', 'stage', { stageId: 'negotiation' });
    await command('won', 'stage', { stageId: 'qualified' });
    await command('won', 'win');
    await command('lost', 'lose', { reason: 'No budget' });
  });
  afterAll(() => api.close());

  const get = (path: string) =>
    api
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}consistentWith=${lastPosition}`)
      .expect(200);
  const ids = (response: { body: { items: { dealId: string }[] } }) => response.body.items.map((item) => item.dealId);

  it('answers the pipeline summary per stage in pipeline order and per currency, with exact amounts', async () => {
    const response = await get('/v1/pipeline');
    expect(BigInt(response.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(lastPosition));
    const figures = (count: number, total: string, weighted: string, currency = 'EUR') => ({
      currency,
      count,
      total,
      weighted,
      averageAgeDays: expect.any(Number),
    });
    expect(response.body).toMatchObject({
      pipelineId: '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e',
      stages: [
        // 250.5 × 10 % = 25.05; the lost deal no longer counts.
        { stageId: 'lead-in', name: 'Lead in', probability: 10, byCurrency: [figures(1, '250.5', '25.05')] },
        // The won deal left it.
        { stageId: 'qualified', byCurrency: [] },
        { stageId: 'proposal', byCurrency: [figures(1, '1000', '500')] },
        { stageId: 'negotiation', byCurrency: [figures(1, '400', '300', 'USD')] },
      ],
    });
    for (const stage of response.body.stages as { byCurrency: { averageAgeDays: number }[] }[]) {
      for (const { averageAgeDays } of stage.byCurrency) expect(averageAgeDays).toBeGreaterThanOrEqual(0);
    }
  });

  it('answers the forecast by expected close month and currency', async () => {
    const { body } = await get('/v1/pipeline/forecast?pipelineId=6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e');
    expect(body).toEqual({
      pipelineId: '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e',
      bestCaseStages: ['proposal', 'negotiation'],
      months: [
        // 1000 × 50 % + 250.5 × 10 %; best case: the proposal deal only.
        { month: '2027-01', currency: 'EUR', count: 2, total: '1250.5', weighted: '525.05', bestCase: '1000' },
        { month: '2027-02', currency: 'USD', count: 1, total: '400', weighted: '300', bestCase: '400' },
      ],
    });
  });

  it('lists deals with filters, sorted by amount, in pages', async () => {
    const first = await get('/v1/deals?status=open&sort=amount&order=desc&limit=2');
    expect(ids(first)).toEqual([deals.big, deals.usd]);
    expect(first.body.items[0]).toMatchObject({ amount: '1000', currency: 'EUR', stageId: 'proposal', probability: 50, status: 'open' });
    const second = await get(`/v1/deals?status=open&sort=amount&order=desc&limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual([deals.small]);
    expect(second.body.nextCursor).toBeNull();

    expect(ids(await get('/v1/deals?owner=ana'))).toEqual([deals.big, deals.usd, deals.won]);
    expect(ids(await get('/v1/deals?stageId=proposal'))).toEqual([deals.big]);
    expect(ids(await get('/v1/deals?currency=USD'))).toEqual([deals.usd]);
    const won = await get('/v1/deals?status=won');
    expect(won.body.items).toEqual([expect.objectContaining({ dealId: deals.won, amount: '300', closedAt: expect.any(String) })]);
    const lost = await get('/v1/deals?status=lost');
    expect(lost.body.items).toEqual([expect.objectContaining({ dealId: deals.lost, lostReason: 'No budget', stageId: 'lead-in' })]);
  });

  it('refuses bad parameters with 400 and an unknown pipeline with 404', async () => {
    expect((await api.http().get('/v1/deals?status=maybe').expect(400)).body.errors[0].field).toBe('status');
    expect((await api.http().get('/v1/deals?cursor=bm9wZQ').expect(400)).body.errors[0].field).toBe('cursor');
    await api.http().get('/v1/pipeline?pipelineId=nope').expect(400);
    await api.http().get('/v1/pipeline/forecast?pipelineId=0b6c2d1e-4444-4a1a-8a1a-0000000000ff').expect(404);
  });
});
