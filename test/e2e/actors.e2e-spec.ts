import { startApi, startIdentityProvider, type ApiHarness, type IdentityProvider } from '../support/api-harness';

describe('the principal in the log', () => {
  let api: ApiHarness;
  let idp: IdentityProvider;
  let auditor: string;
  let customerId: string;
  let position: string;
  let erp: { id: string; secret: string };

  beforeAll(async () => {
    idp = await startIdentityProvider();
    api = await startApi(idp.env);
    erp = await api.createKey(['integration'], 'ERP prod');
    auditor = (await api.createKey(['auditor'], 'Audit')).secret;
    customerId = (await api.as(erp.secret).post('/v1/customers').send({ kind: 'company', name: 'Acme' }).expect(201)).body.id;
    const dana = await idp.token({ sub: 'user-42', name: 'Dana Sales', email: 'dana@example.com', roles: ['sales', 'viewer'] });
    position = (await api.as(dana).patch(`/v1/customers/${customerId}`).send({ name: 'Acme AG' }).expect(200)).body.position;
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
  });

  const byKey = () => ({ type: 'api-key', id: erp.id, name: 'ERP prod', roles: ['integration'], authMethod: 'api-key' });
  const byUser = { type: 'user', id: 'user-42', name: 'Dana Sales', roles: ['sales'], authMethod: 'jwt' };

  it('records the API key and the JWT user as the actors of their events in the history', async () => {
    const { body } = await api.as(auditor).get(`/v1/customers/${customerId}/history`).expect(200);
    expect(body.items.map((item: { type: string; metadata: { actor: unknown } }) => [item.type, item.metadata.actor])).toEqual([
      ['CustomerRegistered', byKey()],
      ['CustomerProfileUpdated', byUser],
    ]);
  });

  it('shows each actor in the timeline', async () => {
    const { body } = await api.as(auditor).get(`/v1/customers/${customerId}/timeline?consistentWith=${position}`).expect(200);
    expect(body.items.map((item: { type: string; actor: unknown }) => [item.type, item.actor])).toEqual([
      ['CustomerProfileUpdated', byUser],
      ['CustomerRegistered', byKey()],
    ]);
  });

  it('keeps an Idempotency-Key private to the credential that sent it', async () => {
    const send = (credential: string) =>
      api.as(credential).post('/v1/customers').set('Idempotency-Key', 'import-1').send({ kind: 'person', name: 'Ann' }).expect(201);
    const first = await send(erp.secret);
    expect((await send(erp.secret)).body.id).toBe(first.body.id);
    expect((await send(api.adminKey)).body.id).not.toBe(first.body.id);
  });
});
