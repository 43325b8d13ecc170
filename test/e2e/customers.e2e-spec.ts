import { startApi, type ApiHarness } from '../support/api-harness';

describe('customers over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const register = async (body: object = {}) => {
    const response = await api
      .http()
      .post('/v1/customers')
      .send({ kind: 'company', name: 'Acme GmbH', email: 'buyer@acme.example', country: 'DE', tags: ['vip'], ...body })
      .expect(201);
    return response.body.id as string;
  };

  it('goes through the whole lifecycle and keeps every step in its history', async () => {
    const created = await api
      .http()
      .post('/v1/customers')
      .set('X-Correlation-Id', 'onboarding-42')
      .send({ kind: 'company', name: 'Acme GmbH', email: 'buyer@acme.example', country: 'DE', tags: ['vip'], customFields: { seats: 40 } })
      .expect(201);
    const id: string = created.body.id;
    expect(created.body).toEqual({ id, revision: 0, position: expect.stringMatching(/^\d+$/) });
    expect(created.headers.etag).toBe('"0"');
    expect(created.headers.location).toBe(`/v1/customers/${id}`);

    await api.http().patch(`/v1/customers/${id}`).send({ name: 'Acme AG', phone: '+49 30 1234567', industry: 'Manufacturing' }).expect(200);
    await api.http().post(`/v1/customers/${id}/lifecycle`).send({ lifecycleStage: 'prospect' }).expect(200);
    await api.http().post(`/v1/customers/${id}/owner`).send({ owner: 'ana@sales.example' }).expect(200);
    await api
      .http()
      .post(`/v1/customers/${id}/tags`)
      .send({ tags: ['enterprise', 'vip'] })
      .expect(200);
    await api.http().delete(`/v1/customers/${id}/tags/vip`).expect(200);
    await api.http().put(`/v1/customers/${id}/external-refs/erp`).send({ externalId: 'C-10042' }).expect(200);
    await api.http().put(`/v1/customers/${id}/external-refs/billing`).send({ externalId: 'B-7' }).expect(200);
    await api.http().delete(`/v1/customers/${id}/external-refs/billing`).expect(200);
    const purchase = { orderId: 'SO-1', amount: '1250.50', currency: 'EUR', occurredAt: '2026-11-20T10:00:00Z' };
    await api.http().post(`/v1/customers/${id}/purchases`).send(purchase).expect(200);
    const repeated = await api.http().post(`/v1/customers/${id}/purchases`).send(purchase).expect(200);
    expect(repeated.body.revision).toBe(9); // the repeated order id appended nothing

    const current = await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true').expect(200);
    expect(current.headers.etag).toBe('"9"');
    expect(BigInt(current.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(repeated.body.position));
    expect(current.body).toMatchObject({
      customerId: id,
      status: 'active',
      name: 'Acme AG',
      phone: '+49 30 1234567',
      industry: 'Manufacturing',
      lifecycleStage: 'prospect',
      owner: 'ana@sales.example',
      tags: ['enterprise'],
      customFields: { seats: 40 },
      externalReferences: { erp: 'C-10042' },
      purchases: {
        orderCount: 1,
        byCurrency: { EUR: { orders: 1, total: '1250.5', averageOrderValue: '1250.50' } },
        firstAt: '2026-11-20T10:00:00.000Z',
        lastAt: '2026-11-20T10:00:00.000Z',
      },
    });

    await api.http().post(`/v1/customers/${id}/archive`).send({ reason: 'Merged into another account' }).expect(200);
    const refused = await api.http().post(`/v1/customers/${id}/owner`).send({ owner: 'bob@sales.example' }).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'customer-archived', instance: `/v1/customers/${id}/owner` });
    expect(refused.body.detail).toMatch(/archived/);

    const history = await api.http().get(`/v1/customers/${id}/history`).expect(200);
    expect(history.body.items.map((event: { type: string }) => event.type)).toEqual([
      'CustomerRegistered',
      'CustomerProfileUpdated',
      'CustomerLifecycleStageChanged',
      'CustomerOwnerAssigned',
      'CustomerTagsAdded',
      'CustomerTagsRemoved',
      'CustomerExternalReferenceLinked',
      'CustomerExternalReferenceLinked',
      'CustomerExternalReferenceUnlinked',
      'CustomerPurchaseRecorded',
      'CustomerArchived',
    ]);
    const [first] = history.body.items;
    expect(first).toMatchObject({ revision: 0, schemaVersion: 2, data: { customerId: id, name: 'Acme GmbH' } });
    expect(first.metadata).toMatchObject({
      correlationId: 'onboarding-42',
      source: 'api',
      actor: { type: 'api-key', id: 'admin', authMethod: 'api-key' },
    });
    expect(first.metadata.causationId).toEqual(created.headers['x-request-id']);
    expect(Date.parse(first.recordedAt)).not.toBeNaN();
    expect(Date.parse(first.metadata.occurredAt)).not.toBeNaN();
  });

  it('records a purchase with its items, takes some back with a return, refuses what does not add up, and reverses it', async () => {
    const id = await register();
    const items = [
      { sku: 'DRL-18V', name: 'Cordless drill', category: 'power-tools', quantity: '3', unitPrice: '100.00', amount: '300.00' },
      { sku: 'BIT-SET', name: 'Bit set', quantity: '1', unitPrice: '20.00', amount: '20.00' },
    ];
    const order = { orderId: 'SO/7', amount: '320.00', currency: 'EUR', occurredAt: '2026-11-20T10:00:00Z', items };
    const notSummed = await api
      .http()
      .post(`/v1/customers/${id}/purchases`)
      .send({ ...order, amount: '330.00' })
      .expect(400);
    expect(notSummed.body).toMatchObject({ code: 'purchase-items-do-not-sum', details: { amount: '330', itemsTotal: '320' } });
    const badItem = await api
      .http()
      .post(`/v1/customers/${id}/purchases`)
      .send({ ...order, items: [{ ...items[0], quantity: 3 }] })
      .expect(400);
    expect(badItem.body.errors[0].field).toBe('items.0.quantity');
    await api.http().post(`/v1/customers/${id}/purchases`).send(order).expect(200);

    const returns = `/v1/customers/${id}/purchases/${encodeURIComponent('SO/7')}/returns`;
    const credit = { returnId: 'CN-1', items: [{ sku: 'DRL-18V', quantity: '1' }], returnedAt: '2026-11-25T10:00:00Z' };
    const returned = await api.http().post(returns).send(credit).expect(200);
    expect((await api.http().post(returns).send(credit).expect(200)).body.revision).toBe(returned.body.revision);
    const tooMany = await api
      .http()
      .post(returns)
      .send({ ...credit, returnId: 'CN-2', items: [{ sku: 'DRL-18V', quantity: '3' }] })
      .expect(409);
    expect(tooMany.body.code).toBe('return-exceeds-purchase');
    const view = await api.http().get(`/v1/customers/${id}?consistentWith=${returned.body.position}`).expect(200);
    expect(view.body.purchases.byCurrency).toEqual({ EUR: { orders: 1, total: '220', averageOrderValue: '220.00' } });

    const reversed = await api
      .http()
      .post(`/v1/customers/${id}/purchases/${encodeURIComponent('SO/7')}/reverse`)
      .send({ reversedAt: '2026-11-26T10:00:00Z' })
      .expect(200);
    const after = await api.http().get(`/v1/customers/${id}?consistentWith=${reversed.body.position}`).expect(200);
    expect(after.body.purchases).toMatchObject({ orderCount: 0, byCurrency: {} });
    const history = await api.http().get(`/v1/customers/${id}/history`).expect(200);
    expect(history.body.items.slice(-3).map((event: { type: string; schemaVersion: number }) => [event.type, event.schemaVersion])).toEqual(
      [
        ['CustomerPurchaseRecorded', 2],
        ['CustomerPurchaseItemsReturned', 1],
        ['CustomerPurchaseReversed', 1],
      ],
    );
  });

  it('answers 404 problem+json for a customer that does not exist, on reads and commands', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    const read = await api.http().get(`/v1/customers/${unknown}`).expect(404);
    expect(read.body).toMatchObject({ code: 'customer-not-found', status: 404 });
    await api.http().get(`/v1/customers/${unknown}/history`).expect(404);
    const command = await api.http().post(`/v1/customers/${unknown}/owner`).send({ owner: 'x' }).expect(404);
    expect(command.body.code).toBe('customer-not-found');
  });

  it('uses the id a client supplies and refuses to register it twice', async () => {
    const id = '5b0c9a52-3c1e-4a59-9a43-3a4f6b0f2c11';
    await register({ id });
    const again = await api.http().post('/v1/customers').send({ id, kind: 'person', name: 'Someone' }).expect(409);
    expect(again.body.code).toBe('customer-already-registered');
  });

  it('refuses a lifecycle move that makes no sense, saying which moves are allowed', async () => {
    const id = await register();
    const refused = await api.http().post(`/v1/customers/${id}/lifecycle`).send({ lifecycleStage: 'churned' }).expect(409);
    expect(refused.body.code).toBe('lifecycle-transition-not-allowed');
    expect(refused.body.detail).toMatch(/lead.*churned/);
  });
});
