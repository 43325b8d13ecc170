import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

describe('customers by their ids in other systems, over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const register = async () => {
    const response = await api.http().post('/v1/customers').send({ kind: 'company', name: 'Acme GmbH' }).expect(201);
    return response.body.id as string;
  };
  const link = (id: string, system: string, externalId: string) =>
    api.http().put(`/v1/customers/${id}/external-refs/${system}`).send({ externalId });

  it('finds a customer by an id linked a moment ago, with its revision, without waiting for a read model', async () => {
    const id = await register();
    const linked = await link(id, 'erp', 'C-77001').expect(200);

    const found = await api.http().get('/v1/customers/by-external-ref/erp/C-77001').expect(200);

    expect(found.body).toEqual({ customerId: id, revision: linked.body.revision });
  });

  it('answers 404 with a problem for an id no customer is linked to, also once it was unlinked', async () => {
    const id = await register();
    await link(id, 'billing', 'B-77002').expect(200);
    await api.http().delete(`/v1/customers/${id}/external-refs/billing`).expect(200);

    expectProblem(await api.http().get('/v1/customers/by-external-ref/billing/B-77002'), 404, 'external-reference-not-found');
    expectProblem(await api.http().get('/v1/customers/by-external-ref/erp/never-linked'), 404, 'external-reference-not-found');
  });

  it('links one ERP id to one customer even when requests race, refusing the others with 409', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, register));

    const answers = await Promise.all(ids.map((id) => link(id, 'erp', 'C-77003')));

    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const refused of answers.filter((answer) => answer.status !== 200)) expectProblem(refused, 409, 'external-reference-taken');
    const winner = ids[answers.findIndex((answer) => answer.status === 200)];
    expect((await api.http().get('/v1/customers/by-external-ref/erp/C-77003').expect(200)).body.customerId).toBe(winner);
  });

  it('moves the lookup when a customer replaces its id, and frees the old one for another customer', async () => {
    const [first, second] = [await register(), await register()];
    await link(first, 'erp', 'C-77004').expect(200);
    await link(first, 'erp', 'C-77005').expect(200);
    await link(second, 'erp', 'C-77004').expect(200);

    expect((await api.http().get('/v1/customers/by-external-ref/erp/C-77005').expect(200)).body.customerId).toBe(first);
    expect((await api.http().get('/v1/customers/by-external-ref/erp/C-77004').expect(200)).body.customerId).toBe(second);
  });
});
