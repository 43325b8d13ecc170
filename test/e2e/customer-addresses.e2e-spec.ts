import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

const BERLIN = { street: 'Hauptstraße 1', city: 'Berlin', region: 'BE', postcode: '10115', country: 'DE' };
const LYON = { street: '2 rue de la République', city: 'Lyon', region: 'ARA', postcode: '69002', country: 'FR' };

describe('customer addresses through the HTTP API', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const register = async (name: string, addresses?: object) =>
    (await api.http().post('/v1/customers').send({ kind: 'company', name, addresses }).expect(201)).body as {
      id: string;
      position: string;
    };
  const view = (id: string, position: string) => api.http().get(`/v1/customers/${id}?consistentWith=${position}`).expect(200);

  it('registers with addresses, sets, replaces and removes one, and keeps each step in the history', async () => {
    const { id } = await register('Adressen GmbH', { billing: BERLIN });
    await api.http().put(`/v1/customers/${id}/addresses/shipping`).send(LYON).expect(200);
    const replaced = await api
      .http()
      .put(`/v1/customers/${id}/addresses/billing`)
      .send({ ...BERLIN, street: 'Hauptstraße 2' })
      .expect(200);
    let shown = await view(id, replaced.body.position);
    expect(shown.body.addresses).toEqual({ billing: { ...BERLIN, street: 'Hauptstraße 2' }, shipping: LYON });

    const removed = await api.http().delete(`/v1/customers/${id}/addresses/shipping`).expect(200);
    shown = await view(id, removed.body.position);
    expect(shown.body.addresses).toEqual({ billing: { ...BERLIN, street: 'Hauptstraße 2' } });

    const asRegistered = await api.http().get(`/v1/customers/${id}?revision=1`).expect(200);
    expect(asRegistered.body.state.addresses).toEqual({ billing: BERLIN });
    const history = await api.http().get(`/v1/customers/${id}/history`).expect(200);
    expect(history.body.items.map((entry: { type: string }) => entry.type)).toEqual([
      'CustomerRegistered',
      'CustomerAddressSet',
      'CustomerAddressSet',
      'CustomerAddressSet',
      'CustomerAddressRemoved',
    ]);
  });

  it('records nothing for the address the customer has, or for removing one it has not', async () => {
    const { id } = await register('Gleich AG', { visiting: BERLIN });
    await api.writesNothing(async () => {
      await api.http().put(`/v1/customers/${id}/addresses/visiting`).send(BERLIN).expect(200);
      await api.http().delete(`/v1/customers/${id}/addresses/billing`).expect(200);
    });
  });

  it('refuses an address without a city, with a bad country or of an unknown type, writing nothing', async () => {
    const { id } = await register('Streng KG');
    await api.writesNothing(async () => {
      const noCity = await api.http().put(`/v1/customers/${id}/addresses/billing`).send({ street: 'Hauptstraße 1', country: 'DE' });
      expectProblem(noCity, 400, 'validation-failed');
      expect(noCity.body.errors.map((error: { field: string }) => error.field)).toEqual(['city']);
      const nested = await api
        .http()
        .post('/v1/customers')
        .send({ kind: 'company', name: 'X', addresses: { billing: { ...BERLIN, country: 'Germany' } } });
      expectProblem(nested, 400, 'validation-failed');
      expect(nested.body.errors.map((error: { field: string }) => error.field)).toEqual(['addresses.billing.country']);
      expectProblem(await api.http().put(`/v1/customers/${id}/addresses/home`).send(BERLIN), 400, 'invalid-choice');
    });
  });

  it('lists and segments customers by the city and region of their location', async () => {
    await register('Nur Rechnung Berlin', { billing: BERLIN });
    await register('Besuch Lyon, Rechnung Berlin', { billing: BERLIN, visiting: LYON });
    const last = await register('Ohne Adresse');
    const names = async (query: string) =>
      (await api.http().get(`/v1/customers?consistentWith=${last.position}&${query}`).expect(200)).body.items.map(
        (item: { name: string }) => item.name,
      );
    expect(await names('city=Lyon')).toEqual(['Besuch Lyon, Rechnung Berlin']);
    expect(await names('region=BE&q=Berlin')).toEqual(['Nur Rechnung Berlin']);

    const segment = await api
      .http()
      .post('/v1/segments')
      .send({ name: 'In Lyon', rule: { fact: 'city', op: 'eq', value: 'Lyon' } })
      .expect(201);
    const members = await api.http().get(`/v1/segments/${segment.body.id}/members?consistentWith=${segment.body.position}`).expect(200);
    expect(members.body.items.map((item: { name: string }) => item.name)).toEqual(['Besuch Lyon, Rechnung Berlin']);
  });
});
