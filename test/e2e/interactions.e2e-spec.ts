import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

const CALL = { channel: 'phone', direction: 'outbound', occurredAt: '2026-03-02T10:30:00+01:00', subject: 'Renewal call' };

describe('interactions over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const registerCustomer = async (): Promise<string> =>
    (await api.http().post('/v1/customers').send({ kind: 'person', name: 'Jane Roe' }).expect(201)).body.id;

  const openDeal = async (customerId: string): Promise<string> =>
    (await api.http().post('/v1/deals').send({ customerId, title: 'Renewal', amount: '900', currency: 'EUR' }).expect(201)).body.id;

  /** Logs a phone call with the customer; `fields` add to or replace the call's. */
  const log = (customerId: string, fields: object = {}) =>
    api
      .http()
      .post('/v1/interactions')
      .send({ ...CALL, customerId, ...fields });

  const logged = async (customerId: string, fields: object = {}): Promise<string> => (await log(customerId, fields).expect(201)).body.id;

  const amend = (id: string, body: object) => api.http().patch(`/v1/interactions/${id}`).send(body);

  const interactionOf = async (id: string) => (await api.http().get(`/v1/interactions/${id}`).expect(200)).body;

  const historyOf = async (id: string): Promise<{ type: string; revision: number; data: Record<string, unknown> }[]> =>
    (await api.http().get(`/v1/interactions/${id}/history`).expect(200)).body.items;

  it('logs an interaction with a customer alone, and reads it back with every optional field null', async () => {
    const customerId = await registerCustomer();
    const created = await log(customerId).expect(201);
    const id: string = created.body.id;
    expect(created.body).toEqual({ id, revision: 0, position: expect.stringMatching(/^\d+$/) });
    expect(created.headers.etag).toBe('"0"');
    expect(created.headers.location).toBe(`/v1/interactions/${id}`);

    const current = await api.http().get(`/v1/interactions/${id}`).expect(200);
    expect(current.headers.etag).toBe('"0"');
    expect(current.body).toEqual({
      status: 'logged',
      interactionId: id,
      customerId,
      dealId: null,
      channel: 'phone',
      direction: 'outbound',
      occurredAt: '2026-03-02T09:30:00.000Z',
      subject: 'Renewal call',
      summary: null,
      outcome: null,
      followUpDueDate: null,
      deletedAt: null,
      deleteReason: null,
    });
  });

  it('logs an interaction about one of the customer’s deals', async () => {
    const customerId = await registerCustomer();
    const dealId = await openDeal(customerId);
    const id = await logged(customerId, { dealId, channel: 'meeting', summary: 'Walked through the offer', followUpDueDate: '2026-03-09' });
    expect(await interactionOf(id)).toMatchObject({
      customerId,
      dealId,
      channel: 'meeting',
      summary: 'Walked through the offer',
      followUpDueDate: '2026-03-09',
    });
  });

  it('amends only the fields that change, and null clears an optional one', async () => {
    const customerId = await registerCustomer();
    const id = await logged(customerId, { outcome: 'Call back next week' });

    const amended = await amend(id, { channel: 'phone', subject: 'Renewal call (rescheduled)', followUpDueDate: '2026-03-16' }).expect(200);
    expect(amended.body).toEqual({ id, revision: 1, position: expect.stringMatching(/^\d+$/) });
    expect(amended.headers.etag).toBe('"1"');
    await amend(id, { subject: null }).expect(200);
    expect((await amend(id, { subject: null, channel: 'phone' }).expect(200)).body.revision).toBe(2); // nothing changes: no event

    const history = await historyOf(id);
    expect(history.map(({ type, revision }) => [type, revision])).toEqual([
      ['InteractionLogged', 0],
      ['InteractionAmended', 1],
      ['InteractionAmended', 2],
    ]);
    expect(history[1].data).toEqual({
      interactionId: id,
      changes: { subject: { from: 'Renewal call', to: 'Renewal call (rescheduled)' }, followUpDueDate: { from: null, to: '2026-03-16' } },
    });
    expect(history[2].data).toEqual({ interactionId: id, changes: { subject: { from: 'Renewal call (rescheduled)', to: null } } });
    expect(await interactionOf(id)).toMatchObject({ subject: null, outcome: 'Call back next week', followUpDueDate: '2026-03-16' });
  });

  it('refuses to clear a field that cannot be cleared', async () => {
    const id = await logged(await registerCustomer());
    expectProblem(await api.writesNothing(() => amend(id, { channel: null })), 400, 'invalid-choice');
  });

  it('deletes an interaction as an event; the deleted interaction can still be read but accepts nothing more', async () => {
    const customerId = await registerCustomer();
    const id = await logged(customerId);
    const deleted = await api.http().delete(`/v1/interactions/${id}`).send({ reason: 'Logged on the wrong customer' }).expect(200);
    expect(deleted.body).toEqual({ id, revision: 1, position: expect.stringMatching(/^\d+$/) });

    const current = await api.http().get(`/v1/interactions/${id}`).expect(200);
    expect(current.headers.etag).toBe('"1"');
    expect(current.body).toMatchObject({
      status: 'deleted',
      subject: 'Renewal call',
      deleteReason: 'Logged on the wrong customer',
      deletedAt: expect.any(String),
    });

    const amending = await api.writesNothing(() => amend(id, { subject: 'Too late' }));
    expectProblem(amending, 409, 'interaction-deleted');
    expect(amending.body.detail).toBe(`Interaction ${id} was deleted and accepts no further changes.`);
    expectProblem(await api.writesNothing(() => api.http().delete(`/v1/interactions/${id}`)), 409, 'interaction-deleted');

    const history = await historyOf(id);
    expect(history.map((event) => event.type)).toEqual(['InteractionLogged', 'InteractionDeleted']);
    expect(history[1].data).toMatchObject({ interactionId: id, reason: 'Logged on the wrong customer' });
  });

  it('deletes without a reason', async () => {
    const id = await logged(await registerCustomer());
    await api.http().delete(`/v1/interactions/${id}`).expect(200);
    expect(await interactionOf(id)).toMatchObject({ status: 'deleted', deleteReason: null });
  });

  it('refuses a deal of another customer', async () => {
    const customerId = await registerCustomer();
    const otherCustomerId = await registerCustomer();
    const dealId = await openDeal(otherCustomerId);
    const refused = await api.writesNothing(() => log(customerId, { dealId }));
    expectProblem(refused, 409, 'deal-of-another-customer');
    expect(refused.body.detail).toBe(`Deal ${dealId} belongs to customer ${otherCustomerId}, not to customer ${customerId}.`);
  });

  it('refuses a deal that does not exist', async () => {
    const dealId = '00000000-0000-4000-8000-00000000a001';
    const customerId = await registerCustomer();
    expectProblem(await api.writesNothing(() => log(customerId, { dealId })), 404, 'deal-not-found');
  });

  it('refuses a customer that does not exist or is archived', async () => {
    const unknown = '00000000-0000-4000-8000-00000000a002';
    const missing = await api.writesNothing(() => log(unknown));
    expectProblem(missing, 404, 'customer-not-found');
    expect(missing.body.detail).toBe(`Customer ${unknown} does not exist.`);

    const customerId = await registerCustomer();
    await api.http().post(`/v1/customers/${customerId}/archive`).send({}).expect(200);
    expectProblem(await api.writesNothing(() => log(customerId)), 409, 'customer-archived');
  });

  it('refuses a subject longer than the event catalog allows (200 characters)', async () => {
    const customerId = await registerCustomer();
    const refused = await api.writesNothing(() => log(customerId, { subject: 's'.repeat(201) }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'subject', messages: [expect.stringMatching(/subject/)] }]);
  });

  it('answers 404 for an interaction that does not exist, on reads and commands', async () => {
    const unknown = '00000000-0000-4000-8000-00000000a003';
    expectProblem(await api.http().get(`/v1/interactions/${unknown}`), 404, 'interaction-not-found');
    expectProblem(await api.http().get(`/v1/interactions/${unknown}/history`), 404, 'interaction-not-found');
    expectProblem(await api.writesNothing(() => amend(unknown, { subject: 'Ghost' })), 404, 'interaction-not-found');
    expectProblem(await api.writesNothing(() => api.http().delete(`/v1/interactions/${unknown}`)), 404, 'interaction-not-found');
  });
});
