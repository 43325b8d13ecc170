import { setTimeout as sleep } from 'node:timers/promises';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

const ndjson = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n');

describe('bulk import over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const upload = (query: string, contentType: string, body: string) =>
    api.http().post(`/v1/imports?${query}`).set('Content-Type', contentType).send(body);

  /** Polls the job's Location until it has ended; the job runs in the API process (the embedded default). */
  const ended = async (location: string) => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
      const { body } = await api.http().get(location).expect(200);
      if (['completed', 'cancelled', 'failed'].includes(body.status)) return body;
    }
    throw new Error(`import ${location} did not end in time`);
  };
  const imported = async (kind: string, file: string) =>
    ended((await upload(`kind=${kind}`, 'application/x-ndjson', file).expect(202)).headers.location);
  const rejectedLines = async (jobId: string) =>
    (await api.http().get(`/v1/imports/${jobId}/errors`).expect(200)).text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; code: string });

  it('takes an NDJSON file, answers 202 with a job, and shows its counts and its rejected lines', async () => {
    const file = ndjson(
      { externalRefs: { erp: 'H-1' }, kind: 'company', name: 'Acme Tools GmbH', country: 'DE' },
      { externalRefs: { erp: 'H-2' }, kind: 'company', name: 'Bad Country AG', country: 'XX' },
      { externalRefs: { erp: 'H-3' }, kind: 'person', name: 'Jana Novak' },
    );

    const accepted = await upload('kind=customers', 'application/x-ndjson', file).expect(202);

    expect(accepted.headers.location).toBe(`/v1/imports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ kind: 'customers', format: 'ndjson', bytes: Buffer.byteLength(file) });
    expect(await ended(accepted.headers.location)).toMatchObject({
      status: 'completed',
      linesRead: 3,
      applied: 2,
      rejected: 1,
      etaSeconds: 0,
      linesPerSecond: expect.any(Number),
    });
    const errors = await api.http().get(`${accepted.headers.location}/errors`).expect(200);
    expect(errors.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(
      errors.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ line: 2, code: 'invalid-country', detail: expect.any(String) }]);
    const found = await api.http().get('/v1/customers/by-external-ref/erp/H-3').expect(200);
    expect(found.body.revision).toBe(1);
  });

  it('takes CSV with a column mapping, then purchases for the customers it made', async () => {
    const customers = 'Firma,Art,ERP-Nr\r\nInitech GmbH,company,H-10\r\n"Hooli, Inc.",company,H-11\r\n';
    const mapping = JSON.stringify({ Firma: 'name', Art: 'kind', 'ERP-Nr': 'externalRefs.erp' });
    const first = await upload(`kind=customers&mapping=${encodeURIComponent(mapping)}`, 'text/csv; charset=utf-8', customers).expect(202);
    expect(await ended(first.headers.location)).toMatchObject({ status: 'completed', applied: 2 });

    const purchases = ndjson(
      { externalRefs: { erp: 'H-10' }, orderId: 'SO-10', amount: '100.00', currency: 'EUR', occurredAt: '2026-11-01T09:00:00Z' },
      { externalRefs: { erp: 'H-11' }, orderId: 'SO-11', amount: '250.00', currency: 'EUR', occurredAt: '2026-11-02T09:00:00Z' },
    );
    const second = await upload('kind=purchases', 'application/x-ndjson', purchases).expect(202);
    expect(await ended(second.headers.location)).toMatchObject({ status: 'completed', applied: 2, rejected: 0 });

    const again = await upload('kind=purchases', 'application/x-ndjson', purchases).expect(202);
    expect(await ended(again.headers.location)).toMatchObject({ status: 'completed', applied: 0, unchanged: 2 });
  });

  it('logs interactions with customers found by their external ids, once however often the file comes', async () => {
    const customers = ndjson({ externalRefs: { erp: 'H-40' }, kind: 'company', name: 'Call Center Client GmbH' });
    expect(await imported('customers', customers)).toMatchObject({ applied: 1 });
    const calls = ndjson(
      {
        externalRefs: { erp: 'H-40' },
        channel: 'phone',
        direction: 'inbound',
        occurredAt: '2026-11-30T09:00:00Z',
        subject: 'Order question',
      },
      { externalRefs: { erp: 'H-40' }, channel: 'email', direction: 'outbound', occurredAt: '2026-11-30T10:00:00Z' },
      { externalRefs: { erp: 'H-40' }, channel: 'pigeon', direction: 'inbound', occurredAt: '2026-11-30T11:00:00Z' },
      { externalRefs: { erp: 'nobody' }, channel: 'phone', direction: 'inbound', occurredAt: '2026-11-30T12:00:00Z' },
    );

    const first = await imported('interactions', calls);
    const again = await imported('interactions', calls);

    expect(first).toMatchObject({ status: 'completed', applied: 2, rejected: 2 });
    expect(again).toMatchObject({ status: 'completed', applied: 0, unchanged: 2, rejected: 2 });
    expect((await rejectedLines(first.id)).map(({ code }) => code)).toEqual(['invalid-choice', 'customer-not-found']);
    const logged = (await api.allEvents()).filter((event) => event.type === 'InteractionLogged');
    expect(logged).toHaveLength(2);

    // Another integration imports the same file: the calls are known by their content, whoever sends them.
    const other = await api.createKey(['integration']);
    const accepted = await api
      .as(other.secret)
      .post('/v1/imports?kind=interactions')
      .set('Content-Type', 'application/x-ndjson')
      .send(calls);
    const byOther = await ended(accepted.headers.location);
    expect(byOther).toMatchObject({ status: 'completed', applied: 0 });
    expect((await rejectedLines(byOther.id)).map(({ code }) => code)).toEqual([
      'interaction-already-logged',
      'interaction-already-logged',
      'invalid-choice',
      'customer-not-found',
    ]);
    expect((await api.allEvents()).filter((event) => event.type === 'InteractionLogged')).toHaveLength(2);
  });

  it('opens deals, won and lost ones closed too, once however often the file comes', async () => {
    const customers = ndjson({ externalRefs: { salesforce: '001-D1' }, kind: 'company', name: 'Deal Client GmbH' });
    expect(await imported('customers', customers)).toMatchObject({ applied: 1 });
    const deal = { externalRefs: { salesforce: '001-D1' }, amount: '1000.00', currency: 'EUR' };
    const deals = ndjson(
      { ...deal, dealRef: { salesforce: '006-1' }, title: 'Pilot', stageId: 'proposal', expectedCloseDate: '2027-01-31' },
      { ...deal, dealRef: { salesforce: '006-2' }, title: 'Renewal', status: 'won' },
      { ...deal, dealRef: { salesforce: '006-3' }, title: 'Upsell', status: 'lost', lostReason: 'No budget' },
      { ...deal, dealRef: { salesforce: '006-4' }, title: 'Nowhere', stageId: 'no-such-stage' },
      { ...deal, dealRef: { salesforce: '006-5' }, title: 'Lost, but why?', status: 'lost' },
      { ...deal, externalRefs: { salesforce: 'nobody' }, dealRef: { salesforce: '006-6' }, title: 'Orphan' },
    );

    const first = await imported('deals', deals);
    const again = await imported('deals', deals);

    expect(first).toMatchObject({ status: 'completed', applied: 3, rejected: 3 });
    expect(again).toMatchObject({ status: 'completed', applied: 0, unchanged: 3, rejected: 3 });
    expect((await rejectedLines(first.id)).map(({ line, code }) => [line, code])).toEqual([
      [4, 'stage-not-in-pipeline'],
      [5, 'schema-violation'],
      [6, 'customer-not-found'],
    ]);
    const types = (await api.allEvents()).map((event) => event.type);
    expect(types.filter((type) => type === 'DealOpened')).toHaveLength(3);
    expect(types.filter((type) => type === 'DealWon' || type === 'DealLost')).toHaveLength(2);
  });

  it('goes on after a restart of the process from where it stopped, applying every line once', async () => {
    const lines = Array.from({ length: 6_000 }, (_, n) => ({ externalRefs: { erp: `H-R-${n}` }, kind: 'company', name: `Restart ${n}` }));
    const accepted = await upload('kind=customers', 'application/x-ndjson', ndjson(...lines)).expect(202);
    let before = accepted.body;
    while (before.linesRead === 0) before = (await api.http().get(accepted.headers.location)).body;
    expect(before.status).toBe('running');

    await api.restart();

    expect(await ended(accepted.headers.location)).toMatchObject({ status: 'completed', linesRead: 6_000, applied: 6_000, rejected: 0 });
    const last = await api.http().get('/v1/customers/by-external-ref/erp/H-R-5999').expect(200);
    expect(last.body.revision).toBe(1);
    const { rows } = (await api.sql(
      // Names are sealed in the log (personal data); the external ids are not.
      `SELECT count(*)::int AS count FROM events WHERE type = 'CustomerExternalReferenceLinked' AND data->>'externalId' LIKE 'H-R-%'`,
    )) as {
      rows: { count: number }[];
    };
    expect(rows[0].count).toBe(6_000);
  }, 120_000);

  it('refuses up front, with a problem and no job, what cannot be imported', async () => {
    const customer = ndjson({ externalRefs: { erp: 'H-20' }, kind: 'company', name: 'Acme' });
    await api.writesNothing(async () => {
      expectProblem(await upload('kind=customers', 'application/json', customer), 415, 'unsupported-media-type');
      expectProblem(await upload('kind=customers', 'application/x-ndjson', 'kind,name\ncompany,Acme\n'), 400, 'unreadable-import-file');
      expectProblem(await upload('kind=customers', 'text/csv', 'kind,name,colour\ncompany,Acme,red\n'), 400, 'unknown-import-fields');
      expectProblem(await upload('kind=customers&mapping=%7Bnope', 'text/csv', 'a\nb\n'), 400, 'validation-failed');
      expectProblem(await upload('kind=deals-and-more', 'application/x-ndjson', customer), 400, 'validation-failed');
    });
    expectProblem(await api.http().get('/v1/imports/6f1c1a52-1f0e-4b8e-9a37-2f8d5c7b9e01'), 404, 'import-not-found');
  });

  it('lets only admins and integrations import', async () => {
    const analyst = await api.createKey(['analyst']);
    const response = await api
      .as(analyst.secret)
      .post('/v1/imports?kind=customers')
      .set('Content-Type', 'application/x-ndjson')
      .send(ndjson({ externalRefs: { erp: 'H-30' }, kind: 'company', name: 'Acme' }));
    expect(response.status).toBe(403);
  });
});
