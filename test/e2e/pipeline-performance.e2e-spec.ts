import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

const DEFAULT_PIPELINE = '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e';
const UNKNOWN_PIPELINE = '0b6c2d1e-4444-4a1a-8a1a-0000000000ff';

describe('pipeline performance, funnel and owners over the HTTP API', () => {
  let api: ApiHarness;
  let lastPosition: string;

  beforeAll(async () => {
    api = await startApi();
    const customer = (await api.http().post('/v1/customers').send({ kind: 'company', name: 'Acme' }).expect(201)).body.id;
    const open = async (body: object) =>
      (
        await api
          .http()
          .post('/v1/deals')
          .send({ customerId: customer, title: 'Seats', ...body })
          .expect(201)
      ).body.id as string;
    const command = async (dealId: string, action: string, body: object = {}) => {
      lastPosition = (await api.http().post(`/v1/deals/${dealId}/${action}`).send(body).expect(200)).body.position;
    };
    // The default pipeline: lead-in 10 %, qualified 25 %, proposal 50 %, negotiation 75 %.
    const won = await open({ amount: '1000.00', currency: 'EUR', owner: 'ana' });
    const skipped = await open({ amount: '400', currency: 'USD', owner: 'bob' });
    const lost = await open({ amount: '80', currency: 'EUR', owner: 'ana' });
    const reopened = await open({ amount: '250.50', currency: 'EUR', owner: 'bob' });
    await open({ amount: '300', currency: 'EUR' });
    await command(won, 'stage', { stageId: 'qualified' });
    await command(won, 'stage', { stageId: 'proposal' });
    await command(won, 'win');
    await command(skipped, 'stage', { stageId: 'negotiation' });
    await command(skipped, 'win');
    await command(lost, 'lose', { reason: 'No budget' });
    await command(reopened, 'lose', { reason: 'Timing' });
    await command(reopened, 'reopen', { stageId: 'qualified' });
  });
  afterAll(() => api.close());

  const get = async (path: string) => {
    const response = await api
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}consistentWith=${lastPosition}`)
      .expect(200);
    expect(BigInt(response.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(lastPosition));
    return response.body;
  };

  it('answers win rate, cycle and velocity per currency over the last 90 days by default', async () => {
    const body = await get('/v1/pipeline/performance');
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(90 * 86_400_000);
    // Won: 1000 EUR and 400 USD; lost: 80 EUR (the reopened deal's loss no longer counts). Open: 250.5 + 300 EUR.
    // The deals were won within seconds: a cycle of about 0 days, so a velocity that is large but well formed.
    expect(body).toMatchObject({ closed: 3, won: 2, lost: 1, winRate: 0.6667, averageCycleDays: 0 });
    expect(body.byCurrency).toEqual([
      {
        currency: 'EUR',
        wonCount: 1,
        wonAmount: '1000',
        averageWonAmount: '1000',
        openCount: 2,
        openAmount: '550.5',
        salesVelocityPerDay: expect.stringMatching(/^\d+\.\d{2}$/),
      },
      {
        currency: 'USD',
        wonCount: 1,
        wonAmount: '400',
        averageWonAmount: '400',
        openCount: 0,
        openAmount: '0',
        salesVelocityPerDay: '0.00',
      },
    ]);
    expect(await get(`/v1/pipeline/performance?owner=ana&pipelineId=${DEFAULT_PIPELINE}`)).toMatchObject({ won: 1, lost: 1, winRate: 0.5 });
    // A period in the past: nothing closed then.
    expect(await get('/v1/pipeline/performance?from=2020-01-01&to=2020-04-01T00:00:00Z')).toMatchObject({
      from: '2020-01-01T00:00:00.000Z',
      to: '2020-04-01T00:00:00.000Z',
      closed: 0,
      winRate: null,
      averageCycleDays: null,
    });
  });

  it('answers the stage funnel of the deals opened in the period, skipped stages and reopened deals counted once', async () => {
    // Furthest stage: the two won deals every stage; the reopened one qualified; the lost and the open one lead-in.
    const body = await get('/v1/pipeline/funnel');
    expect(body).toMatchObject({ pipelineId: DEFAULT_PIPELINE, cohort: 5, won: 2 });
    expect(
      body.stages.map((stage: { stageId: string; reached: number; conversionFromPrevious: number | null; conversionFromFirst: number }) => [
        stage.stageId,
        stage.reached,
        stage.conversionFromPrevious,
        stage.conversionFromFirst,
      ]),
    ).toEqual([
      ['lead-in', 5, null, 1],
      ['qualified', 3, 0.6, 0.6],
      ['proposal', 2, 0.6667, 0.4],
      ['negotiation', 2, 1, 0.4],
    ]);
    expect(body.stages[0]).toMatchObject({ name: 'Lead in', position: 0, averageDaysInStage: 0 });
    const ana = await get(`/v1/pipeline/funnel?pipelineId=${DEFAULT_PIPELINE}&owner=ana`);
    expect(ana.stages.map((stage: { reached: number }) => stage.reached)).toEqual([2, 1, 1, 1]);
  });

  it('answers per owner: open deals per currency, wins, losses and win rate', async () => {
    expect(await get('/v1/pipeline/owners')).toEqual([
      { owner: 'ana', open: [], won: 1, lost: 1, winRate: 0.5 },
      // 250.5 × 25 % (reopened into qualified).
      { owner: 'bob', open: [{ currency: 'EUR', count: 1, amount: '250.5', weighted: '62.625' }], won: 1, lost: 0, winRate: 1 },
      { owner: 'unassigned', open: [{ currency: 'EUR', count: 1, amount: '300', weighted: '30' }], won: 0, lost: 0, winRate: null },
    ]);
  });

  it('refuses bad periods with a 400 problem naming the field', async () => {
    const refused = async (path: string, field: string) => {
      const response = await api.http().get(path);
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    };
    await refused('/v1/pipeline/performance?from=yesterday', 'from');
    await refused('/v1/pipeline/funnel?to=2026-02-30', 'to');
    await refused('/v1/pipeline/owners?from=2026-01-01T10:00:00', 'from');
    await refused('/v1/pipeline/performance?from=2026-03-01&to=2026-03-01', 'to');
    await refused('/v1/pipeline/funnel?from=2026-03-02&to=2026-03-01', 'to');
    await refused('/v1/pipeline/owners?from=2020-01-01&to=2024-01-01', 'from');
    await refused(`/v1/pipeline/funnel?from=${new Date(Date.now() + 86_400_000).toISOString()}`, 'to');
    await refused('/v1/pipeline/owners?pipelineId=nope', 'pipelineId');
  });

  it('answers 404 for an unknown pipeline', async () => {
    for (const route of ['funnel', 'performance', 'owners']) {
      expectProblem(await api.http().get(`/v1/pipeline/${route}?pipelineId=${UNKNOWN_PIPELINE}`), 404, 'pipeline-not-found');
    }
  });
});
