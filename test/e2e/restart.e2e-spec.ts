import { startApi, type ApiHarness } from '../support/api-harness';

describe('durability', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('keeps records, revisions and idempotent answers across a restart', async () => {
    const created = await api
      .http()
      .post('/v1/customers')
      .set('Idempotency-Key', 'before-restart')
      .send({ kind: 'company', name: 'Durable' })
      .expect(201);
    const id: string = created.body.id;
    await api.http().post(`/v1/customers/${id}/owner`).send({ owner: 'ana' }).expect(200);

    await api.restart();

    const current = await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true').expect(200);
    expect(current.body).toMatchObject({ name: 'Durable', owner: 'ana' });
    expect(current.headers.etag).toBe('"1"');
    const replayed = await api
      .http()
      .post('/v1/customers')
      .set('Idempotency-Key', 'before-restart')
      .send({ kind: 'company', name: 'Durable' })
      .expect(201);
    expect(replayed.body).toEqual(created.body);
  });
});
