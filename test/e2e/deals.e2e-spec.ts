import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

const DEFAULT_PIPELINE_ID = '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e';

type Recorded = { type: string; revision: number; data: Record<string, unknown>; metadata: Record<string, unknown> };

/** A valid deal body for the customer, with `fields` added or replaced. */
const dealBody = (customerId: string, fields: object = {}) => ({
  customerId,
  title: '40 seats',
  amount: '12000.00',
  currency: 'EUR',
  ...fields,
});

describe('deals over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const registerCustomer = async (): Promise<string> =>
    (await api.http().post('/v1/customers').send({ kind: 'company', name: 'Acme GmbH' }).expect(201)).body.id;

  const open = (body: object) => api.http().post('/v1/deals').send(body);

  /** Opens a deal with a new customer; `fields` add to or replace those of the valid body. */
  const openDeal = async (fields: object = {}): Promise<string> =>
    (await open(dealBody(await registerCustomer(), fields)).expect(201)).body.id;

  const update = (id: string, body: object, ifMatch?: string) => {
    const request = api.http().patch(`/v1/deals/${id}`);
    return (ifMatch === undefined ? request : request.set('If-Match', ifMatch)).send(body);
  };

  /** POST to one of the deal's command routes: stage, win, lose, reopen, owner. */
  const command = (id: string, action: string, body: object = {}) => api.http().post(`/v1/deals/${id}/${action}`).send(body);

  const dealOf = async (id: string) => (await api.http().get(`/v1/deals/${id}`).expect(200)).body;

  const historyOf = async (id: string): Promise<Recorded[]> => (await api.http().get(`/v1/deals/${id}/history`).expect(200)).body.items;

  const stagesEntered = (deal: { stageHistory: { stageId: string }[] }) => deal.stageHistory.map((entry) => entry.stageId);

  it('opens a deal in the first stage of the default pipeline when none is named', async () => {
    const customerId = await registerCustomer();
    const opened = await open(dealBody(customerId, { amount: '012000.50', currency: 'eur', expectedCloseDate: '2026-12-31' })).expect(201);
    const id: string = opened.body.id;
    expect(opened.body).toEqual({ id, revision: 0, position: expect.stringMatching(/^\d+$/) });
    expect(opened.headers.etag).toBe('"0"');
    expect(opened.headers.location).toBe(`/v1/deals/${id}`);

    const current = await api.http().get(`/v1/deals/${id}`).expect(200);
    expect(current.headers.etag).toBe('"0"');
    expect(current.body).toEqual({
      status: 'open',
      dealId: id,
      customerId,
      title: '40 seats',
      amount: '12000.5',
      currency: 'EUR',
      pipelineId: DEFAULT_PIPELINE_ID,
      stageId: 'lead-in',
      probability: 10,
      expectedCloseDate: '2026-12-31',
      owner: null,
      stageHistory: [{ stageId: 'lead-in', enteredAt: current.body.openedAt }],
      openedAt: expect.any(String),
      closedAt: null,
      lostReason: null,
    });
  });

  it('moves through the stages of its pipeline and keeps the stage history', async () => {
    const id = await openDeal();
    const moved = await command(id, 'stage', { stageId: 'qualified' }).expect(200);
    expect(moved.body).toEqual({ id, revision: 1, position: expect.stringMatching(/^\d+$/) });
    expect(moved.headers.etag).toBe('"1"');
    await command(id, 'stage', { stageId: 'proposal' }).expect(200);
    const unchanged = await command(id, 'stage', { stageId: 'proposal' }).expect(200);
    expect(unchanged.body.revision).toBe(2); // already there: nothing appended

    const deal = await dealOf(id);
    expect(deal).toMatchObject({ stageId: 'proposal', probability: 50 });
    expect(stagesEntered(deal)).toEqual(['lead-in', 'qualified', 'proposal']);
    const history = await historyOf(id);
    expect(history.map((event) => event.type)).toEqual(['DealOpened', 'DealStageChanged', 'DealStageChanged']);
    expect(history[2].data).toMatchObject({ from: 'qualified', to: 'proposal', probability: 50 });
  });

  it('refuses a stage its pipeline does not have, naming the stages it has', async () => {
    const customerId = await registerCustomer();
    const opening = await api.writesNothing(() => open(dealBody(customerId, { stageId: 'won-already' })));
    expectProblem(opening, 400, 'stage-not-in-pipeline');
    expect(opening.body.detail).toBe(
      `Pipeline ${DEFAULT_PIPELINE_ID} has no stage "won-already"; its stages are lead-in, qualified, proposal, negotiation.`,
    );

    const id = await openDeal();
    const moving = await api.writesNothing(() => command(id, 'stage', { stageId: 'closed' }));
    expectProblem(moving, 400, 'stage-not-in-pipeline');
    expect(moving.body.details).toMatchObject({ field: 'stageId', stageId: 'closed', pipelineId: DEFAULT_PIPELINE_ID });
  });

  it('changes title, amount with currency and expected close date in one request, one event and one revision each', async () => {
    const id = await openDeal({ expectedCloseDate: '2026-06-30' });
    const patched = await update(id, { title: '60 seats', amount: '18000', currency: 'USD', expectedCloseDate: '2026-09-30' }).expect(200);
    expect(patched.body).toEqual({ id, revision: 3, position: expect.stringMatching(/^\d+$/) });
    expect(patched.headers.etag).toBe('"3"');

    const history = await historyOf(id);
    expect(history.map(({ type, revision }) => [type, revision])).toEqual([
      ['DealOpened', 0],
      ['DealRenamed', 1],
      ['DealAmountChanged', 2],
      ['DealExpectedCloseDateChanged', 3],
    ]);
    expect(history.slice(1).map((event) => event.data)).toEqual([
      { dealId: id, from: '40 seats', to: '60 seats' },
      { dealId: id, from: { amount: '12000', currency: 'EUR' }, to: { amount: '18000', currency: 'USD' } },
      { dealId: id, from: '2026-06-30', to: '2026-09-30' },
    ]);
    const requestId = patched.headers['x-request-id'];
    expect(history.slice(1).map((event) => event.metadata.causationId)).toEqual([requestId, requestId, requestId]);

    const current = await api.http().get(`/v1/deals/${id}`).expect(200);
    expect(current.headers.etag).toBe('"3"');
    expect(current.body).toMatchObject({ title: '60 seats', amount: '18000', currency: 'USD', expectedCloseDate: '2026-09-30' });

    const same = await update(id, { title: '60 seats', amount: '18000.00', currency: 'usd' }).expect(200);
    expect(same.body.revision).toBe(3); // the same values again append nothing
    const cleared = await update(id, { expectedCloseDate: null }).expect(200);
    expect(cleared.body.revision).toBe(4);
    expect((await dealOf(id)).expectedCloseDate).toBeNull();
  });

  it('applies a PATCH all or nothing: a refused part leaves the other parts unwritten', async () => {
    const id = await openDeal();
    // A blank title passes the body's length check, but the domain refuses it after the amount was decided.
    const refused = await api.writesNothing(() => update(id, { title: '   ', amount: '5', currency: 'EUR' }));
    expectProblem(refused, 400, 'text-required');
    expect(await dealOf(id)).toMatchObject({ title: '40 seats', amount: '12000', currency: 'EUR' });
  });

  it('writes only when the If-Match revision is still current', async () => {
    const id = await openDeal();
    await update(id, { title: 'First' }, '"0"').expect(200);
    const stale = await api.writesNothing(() => update(id, { title: 'Second' }, '"0"'));
    expectProblem(stale, 412, 'revision-mismatch');
    expect(stale.body.currentRevision).toBe(1);
  });

  it.each([
    ['amount without currency', { amount: '5' }, 'currency', 'amount'],
    ['currency without amount', { currency: 'USD' }, 'amount', 'currency'],
    ['amount without currency beside a title', { title: 'Renamed', amount: '5' }, 'currency', 'amount'],
    ['currency without amount beside a title', { title: 'Renamed', currency: 'USD' }, 'amount', 'currency'],
  ])('refuses %s with 400 naming the missing field, writing nothing', async (_, body, missing, sent) => {
    const id = await openDeal();
    const refused = await api.writesNothing(() => update(id, body));
    expectProblem(refused, 400, 'validation-failed');
    expect(refused.body.errors).toEqual([{ field: missing, messages: [`${missing} must be sent together with ${sent}`] }]);
  });

  it('refuses an empty PATCH', async () => {
    const id = await openDeal();
    const refused = await api.writesNothing(() => update(id, {}));
    expectProblem(refused, 400, 'validation-failed');
    expect(refused.body.errors).toEqual([
      { field: 'body', messages: ['Send at least one of title, amount with currency, expectedCloseDate'] },
    ]);
  });

  it('wins a deal, which then can neither be lost nor changed', async () => {
    const id = await openDeal();
    await command(id, 'stage', { stageId: 'negotiation' }).expect(200);
    const won = await command(id, 'win').expect(200);
    expect(won.body).toEqual({ id, revision: 2, position: expect.stringMatching(/^\d+$/) });
    expect((await command(id, 'win').expect(200)).body.revision).toBe(2); // winning a won deal again changes nothing
    expect(await dealOf(id)).toMatchObject({ status: 'won', stageId: 'negotiation', closedAt: expect.any(String) });

    const losing = await api.writesNothing(() => command(id, 'lose', { reason: 'Budget cut' }));
    expectProblem(losing, 409, 'deal-already-won');
    expect(losing.body.detail).toBe(`Deal ${id} is won and cannot be lost; reopen it first if it fell through.`);
    const moving = await api.writesNothing(() => command(id, 'stage', { stageId: 'proposal' }));
    expectProblem(moving, 409, 'deal-closed');
    expect(moving.body.detail).toBe(`Deal ${id} is won: reopen it before changing it.`);
    expectProblem(await api.writesNothing(() => update(id, { title: 'Too late' })), 409, 'deal-closed');
    expectProblem(await api.writesNothing(() => command(id, 'owner', { owner: 'bob' })), 409, 'deal-closed');

    const history = await historyOf(id);
    expect(history.map((event) => event.type)).toEqual(['DealOpened', 'DealStageChanged', 'DealWon']);
    expect(history[2].data).toMatchObject({ amount: '12000', currency: 'EUR', stageId: 'negotiation' });
  });

  it('loses a deal only with a reason, then refuses changes until it is reopened into the stage it was lost in', async () => {
    const id = await openDeal();
    await command(id, 'stage', { stageId: 'proposal' }).expect(200);
    const reasonless = await api.writesNothing(() => command(id, 'lose'));
    expectProblem(reasonless, 400, 'validation-failed');
    expect(reasonless.body.errors).toEqual([{ field: 'reason', messages: expect.arrayContaining(['reason must be a string']) }]);
    expectProblem(await api.writesNothing(() => command(id, 'lose', { reason: '   ' })), 400, 'text-required');

    await command(id, 'lose', { reason: 'Chose a competitor' }).expect(200);
    expect(await dealOf(id)).toMatchObject({ status: 'lost', lostReason: 'Chose a competitor', closedAt: expect.any(String) });
    expect((await command(id, 'lose', { reason: 'Chose a competitor' }).expect(200)).body.revision).toBe(2); // same reason: no-op
    expectProblem(await api.writesNothing(() => command(id, 'lose', { reason: 'Another story' })), 409, 'deal-closed');
    expectProblem(await api.writesNothing(() => command(id, 'win')), 409, 'deal-already-lost');
    const moving = await api.writesNothing(() => command(id, 'stage', { stageId: 'negotiation' }));
    expectProblem(moving, 409, 'deal-closed');
    expect(moving.body.detail).toBe(`Deal ${id} is lost: reopen it before changing it.`);

    const reopened = await command(id, 'reopen').expect(200);
    expect(reopened.body).toEqual({ id, revision: 3, position: expect.stringMatching(/^\d+$/) });
    const deal = await dealOf(id);
    expect(deal).toMatchObject({ status: 'open', stageId: 'proposal', probability: 50, closedAt: null, lostReason: null });
    expect(stagesEntered(deal)).toEqual(['lead-in', 'proposal', 'proposal']);

    const again = await api.writesNothing(() => command(id, 'reopen'));
    expectProblem(again, 409, 'deal-not-closed');
    expect(again.body.detail).toBe(`Deal ${id} is open: only a won or lost deal can be reopened.`);
    expect((await historyOf(id)).map((event) => event.type)).toEqual(['DealOpened', 'DealStageChanged', 'DealLost', 'DealReopened']);
  });

  it('reopens a won deal into another stage when asked', async () => {
    const id = await openDeal();
    await command(id, 'win').expect(200);
    expectProblem(await api.writesNothing(() => command(id, 'reopen', { stageId: 'nowhere' })), 400, 'stage-not-in-pipeline');
    await command(id, 'reopen', { stageId: 'negotiation' }).expect(200);
    expect(await dealOf(id)).toMatchObject({ status: 'open', stageId: 'negotiation', probability: 75 });
    expect((await historyOf(id)).at(-1)).toMatchObject({
      type: 'DealReopened',
      data: { from: 'won', stageId: 'negotiation', probability: 75 },
    });
  });

  it('reassigns the owner, saying who had it before', async () => {
    const id = await openDeal({ owner: 'ana@sales.example' });
    const reassigned = await command(id, 'owner', { owner: 'bob@sales.example' }).expect(200);
    expect(reassigned.body.revision).toBe(1);
    expect((await command(id, 'owner', { owner: 'bob@sales.example' }).expect(200)).body.revision).toBe(1); // same owner: no-op
    expect((await dealOf(id)).owner).toBe('bob@sales.example');
    expect((await historyOf(id)).at(-1)).toMatchObject({
      type: 'DealReassigned',
      data: { from: 'ana@sales.example', to: 'bob@sales.example' },
    });
  });

  it('refuses a deal with a customer that does not exist or is archived', async () => {
    const unknown = '00000000-0000-4000-8000-00000000d001';
    const missing = await api.writesNothing(() => open(dealBody(unknown)));
    expectProblem(missing, 404, 'customer-not-found');
    expect(missing.body.detail).toBe(`Customer ${unknown} does not exist.`);

    const customerId = await registerCustomer();
    await api.http().post(`/v1/customers/${customerId}/archive`).send({}).expect(200);
    const archived = await api.writesNothing(() => open(dealBody(customerId)));
    expectProblem(archived, 409, 'customer-archived');
    expect(archived.body.detail).toMatch(/archived/);
  });

  it('refuses a pipeline that does not exist', async () => {
    const [customerId, pipelineId] = [await registerCustomer(), '00000000-0000-4000-8000-00000000d002'];
    expectProblem(await api.writesNothing(() => open(dealBody(customerId, { pipelineId }))), 404, 'pipeline-not-found');
  });

  it('uses the id a client supplies and refuses to open it twice', async () => {
    const id = '8a1e4c90-6b1d-4f1e-9d55-0c3a7e2b9f10';
    expect(await openDeal({ id })).toBe(id);
    const customerId = await registerCustomer();
    expectProblem(await api.writesNothing(() => open(dealBody(customerId, { id }))), 409, 'deal-already-opened');
  });

  it('answers 404 for a deal that does not exist, on reads and commands', async () => {
    const unknown = '00000000-0000-4000-8000-00000000d003';
    expectProblem(await api.http().get(`/v1/deals/${unknown}`), 404, 'deal-not-found');
    expectProblem(await api.http().get(`/v1/deals/${unknown}/history`), 404, 'deal-not-found');
    expectProblem(await api.writesNothing(() => command(unknown, 'win')), 404, 'deal-not-found');
    expectProblem(await api.writesNothing(() => command(unknown, 'stage', { stageId: 'qualified' })), 404, 'deal-not-found');
    expectProblem(await api.writesNothing(() => update(unknown, { title: 'Ghost' })), 404, 'deal-not-found');
  });
});
