import { startApi, type ApiHarness } from '../support/api-harness';

describe('optimistic concurrency and idempotency over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const register = async () =>
    (await api.http().post('/v1/customers').send({ kind: 'person', name: 'Jo Doe' }).expect(201)).body.id as string;

  it('answers 412 to a stale If-Match and writes nothing', async () => {
    const id = await register();
    const first = await api.http().patch(`/v1/customers/${id}`).set('If-Match', '"0"').send({ industry: 'Retail' }).expect(200);
    expect(first.headers.etag).toBe('"1"');
    const before = (await api.allEvents()).length;

    const stale = await api.http().patch(`/v1/customers/${id}`).set('If-Match', '"0"').send({ industry: 'Banking' }).expect(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ status: 412, code: 'revision-mismatch', currentRevision: 1 });
    expect((await api.allEvents()).length).toBe(before);
    expect((await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true')).body.industry).toBe('Retail');
  });

  it('refuses an If-Match that is no ETag', async () => {
    const id = await register();
    await api.http().patch(`/v1/customers/${id}`).set('If-Match', 'yesterday').send({ industry: 'Retail' }).expect(400);
  });

  it('retries writers that sent no If-Match, so concurrent changes all land', async () => {
    const id = await register();
    const tags = Array.from({ length: 12 }, (_, index) => `tag-${index}`);
    const answers = await Promise.all(
      tags.map((tag) =>
        api
          .http()
          .post(`/v1/customers/${id}/tags`)
          .send({ tags: [tag] }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(tags.map(() => 200));
    const customer = await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true').expect(200);
    expect([...customer.body.tags].sort()).toEqual([...tags].sort());
    expect(customer.headers.etag).toBe(`"${tags.length}"`);
  });

  it('gives one record and identical answers to 20 concurrent requests with one Idempotency-Key', async () => {
    const before = (await api.allEvents()).length;
    const body = { kind: 'company', name: 'Once Only Ltd' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.http().post('/v1/customers').set('Idempotency-Key', 'create-once-only').send(body)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const ids = new Set(answers.map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((answer) => JSON.stringify([answer.body, answer.headers.etag, answer.headers.location]))).size).toBe(1);
    expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect((await api.allEvents()).length).toBe(before + 1);
  });

  it('repeats the status, body, ETag and Location of the first answer on a replay', async () => {
    const send = () => api.http().post('/v1/customers').set('Idempotency-Key', 'replay-headers').send({ kind: 'person', name: 'Re Play' });
    const first = await send().expect(201);
    const replayed = await send().expect(201);

    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(first.body);
    expect(first.headers.etag).toBe('"0"');
    expect(first.headers.location).toBe(`/v1/customers/${first.body.id}`);
    expect([replayed.headers.etag, replayed.headers.location]).toEqual([first.headers.etag, first.headers.location]);

    const owner = () =>
      api.http().post(`/v1/customers/${first.body.id}/owner`).set('Idempotency-Key', 'replay-etag').send({ owner: 'ana' });
    expect((await owner().expect(200)).headers.etag).toBe('"1"');
    const again = await owner().expect(200);
    expect([again.headers['idempotent-replayed'], again.headers.etag, again.headers.location]).toEqual(['true', '"1"', undefined]);
  });

  it('answers 304 to an If-None-Match naming the current ETag, and the record to an older one', async () => {
    const id = await register();
    await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true').set('If-None-Match', '"0"').expect(304);
    const pipeline = await api.http().get('/v1/pipelines').expect(200);
    const pipelineId = pipeline.body.items[0].pipelineId as string;
    const { headers } = await api.http().get(`/v1/pipelines/${pipelineId}`).expect(200);
    await api.http().get(`/v1/pipelines/${pipelineId}`).set('If-None-Match', headers.etag).expect(304);
    await api.http().patch(`/v1/customers/${id}`).send({ industry: 'Retail' }).expect(200);
    const changed = await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true').set('If-None-Match', '"0"').expect(200);
    expect(changed.headers.etag).toBe('"1"');
  });

  it('answers 422 when an Idempotency-Key comes back with a different body', async () => {
    await api.http().post('/v1/customers').set('Idempotency-Key', 'key-reuse').send({ kind: 'company', name: 'First' }).expect(201);
    const reused = await api
      .http()
      .post('/v1/customers')
      .set('Idempotency-Key', 'key-reuse')
      .send({ kind: 'company', name: 'Second' })
      .expect(422);
    expect(reused.body.code).toBe('idempotency-key-reused');
  });

  it('repeats a refusal for the same key, and frees the key after invalid input', async () => {
    const id = await register();
    const body = { lifecycleStage: 'churned' };
    const first = await api.http().post(`/v1/customers/${id}/lifecycle`).set('Idempotency-Key', 'refused-once').send(body).expect(409);
    const again = await api.http().post(`/v1/customers/${id}/lifecycle`).set('Idempotency-Key', 'refused-once').send(body).expect(409);
    expect(again.body).toEqual(first.body);

    await api.http().post('/v1/customers').set('Idempotency-Key', 'fix-and-retry').send({ kind: 'robot', name: 'X' }).expect(400);
    await api.http().post('/v1/customers').set('Idempotency-Key', 'fix-and-retry').send({ kind: 'company', name: 'X' }).expect(201);
  });

  /** What a crash between the append and the stored answer leaves: a claimed key with no answer and an expired lease. */
  const crashAfterAppend = (key: string) =>
    api.sql(
      `UPDATE http_idempotency SET status = NULL, headers = NULL, body = NULL, lease_until = now() - interval '1 second' WHERE key = $1`,
      [key],
    );

  it('lands a retried create on the same record when the first answer was lost in a crash', async () => {
    const body = { kind: 'company', name: 'Crashy GmbH' };
    const first = await api.http().post('/v1/customers').set('Idempotency-Key', 'crash-create').send(body).expect(201);
    await crashAfterAppend('crash-create');
    const before = (await api.allEvents()).length;

    const retried = await api.http().post('/v1/customers').set('Idempotency-Key', 'crash-create').send(body).expect(201);

    expect(retried.body).toEqual(first.body);
    expect((await api.allEvents()).length).toBe(before);
  });

  it('answers a retried conditional write that had landed with success, not 412', async () => {
    const id = await register();
    const send = () =>
      api.http().post(`/v1/customers/${id}/owner`).set('Idempotency-Key', 'crash-owner').set('If-Match', '"0"').send({ owner: 'ana' });
    const first = await send().expect(200);
    await crashAfterAppend('crash-owner');

    const retried = await send().expect(200);

    expect(retried.body).toEqual(first.body);
    expect(retried.headers.etag).toBe('"1"');
  });
});
