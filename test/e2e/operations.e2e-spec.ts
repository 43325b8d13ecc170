import { startApi, type ApiHarness } from '../support/api-harness';

/** Prometheus text → series name → [labels, value] lines, enough to check what a scrape holds. */
function parseMetrics(text: string): Map<string, { labels: Record<string, string>; value: number }[]> {
  const series = new Map<string, { labels: Record<string, string>; value: number }[]>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    series.set(match[1], [...(series.get(match[1]) ?? []), { labels, value: Number(match[3]) }]);
  }
  return series;
}

describe('operations: hardened HTTP, request ids, metrics and health', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('sends security headers and no CORS headers unless CORS_ORIGINS is set', async () => {
    const response = await api.http().get('/v1/customers').set('Origin', 'https://evil.example').expect(200);
    expect(response.headers).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers).not.toHaveProperty('access-control-allow-origin');
    expect(response.headers).not.toHaveProperty('x-powered-by');
    const docs = await api.http().get('/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('echoes a well-formed X-Request-Id, replaces a malformed one and makes one up when none is sent', async () => {
    const given = await api.http().get('/health/live').set('X-Request-Id', 'trace-4711.a:b').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-4711.a:b');
    const malformed = await api.http().get('/health/live').set('X-Request-Id', 'a b<script>').expect(200);
    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await api.http().get('/health/live').expect(200);
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(malformed.headers['x-request-id']);
  });

  it('answers /health/live and /health/ready without credentials, naming each dependency', async () => {
    await api.as(undefined).get('/health/live').expect(200, { status: 'ok' });
    const { body } = await api.as(undefined).get('/health/ready').expect(200);
    expect(body).toMatchObject({ status: 'ok', details: { eventStore: { status: 'up' }, readModels: { status: 'up' } } });
    expect(body.details).not.toHaveProperty('kafka'); // KAFKA_BROKERS is not set
  });

  it('exposes HTTP latency, command outcomes, appended events, lag and pool health at /metrics after some traffic', async () => {
    const created = await api.http().post('/v1/customers').send({ kind: 'company', name: 'Metrics GmbH' }).expect(201);
    const id = created.body.id as string;
    await api
      .http()
      .post(`/v1/customers/${id}/tags`)
      .set('If-Match', '"7"')
      .send({ tags: ['vip'] })
      .expect(412);
    await api.http().post(`/v1/customers/${id}/archive`).send({}).expect(200);
    await api.http().post(`/v1/customers/${id}/owner`).send({ owner: 'bob@sales.example' }).expect(409);
    await api.http().get(`/v1/customers/${id}/history`).expect(200);

    await api.as(undefined).get('/metrics').expect(401); // METRICS_PUBLIC is off: admins only
    const scrape = await api.http().get('/metrics').expect(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const series = parseMetrics(scrape.text);

    const latency = series.get('ledgerline_http_request_duration_seconds_count') ?? [];
    expect(latency).toContainEqual({ labels: { method: 'POST', route: '/v1/customers', status: '201' }, value: 1 });
    expect(latency).toContainEqual({ labels: { method: 'GET', route: '/v1/customers/:id/history', status: '200' }, value: 1 });
    expect(latency.some(({ labels }) => labels.route.includes(id))).toBe(false); // templates, never ids

    const commands = series.get('ledgerline_commands_total') ?? [];
    const count = (result: string) => commands.find(({ labels }) => labels.kind === 'customer' && labels.result === result)?.value;
    expect(count('ok')).toBe(2);
    expect(count('conflict')).toBe(1);
    expect(count('rejected')).toBe(1);
    expect(series.get('ledgerline_events_appended_total')).toContainEqual({ labels: { kind: 'customer' }, value: 2 });

    const lag = series.get('ledgerline_projection_lag_events') ?? [];
    expect(lag.map(({ labels }) => labels.projection)).toEqual(expect.arrayContaining(['customers', 'audit-timeline']));
    expect(series.get('ledgerline_projection_lag_seconds')?.length).toBe(lag.length);
    expect(series.get('ledgerline_event_store_up')).toEqual([{ labels: {}, value: 1 }]);
    const pools = series.get('ledgerline_pg_pool_connections') ?? [];
    for (const pool of ['events', 'read-models']) {
      for (const state of ['total', 'idle', 'waiting']) expect(pools).toContainEqual(expect.objectContaining({ labels: { pool, state } }));
    }
    expect(series.has('process_cpu_user_seconds_total')).toBe(true);
    expect(series.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });
});

describe('operations: rate limiting per credential', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '10', CORS_ORIGINS: 'https://crm.example.com' });
  });
  afterAll(() => api.close());

  it('answers 429 problem+json with Retry-After to a burst from one key while another key is still served', async () => {
    const other = await api.createKey(['sales'], 'second system');
    const burst = await Promise.all(Array.from({ length: 15 }, () => api.as(other.secret).get('/v1/customers')));
    expect(burst.filter((response) => response.status === 200)).toHaveLength(10);
    const limited = burst.filter((response) => response.status === 429);
    expect(limited).toHaveLength(5);
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited[0].headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited[0].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(limited[0].text)).toMatchObject({ status: 429, code: 'too-many-requests' });

    await api.http().get('/v1/customers').expect(200); // the admin key has its own budget
    await api.as(other.secret).get('/health/ready').expect(200); // probes are never limited
  });

  it('allows the configured origins (CORS_ORIGINS) and exposes the ids and revision headers to them', async () => {
    const preflight = await api
      .as(undefined)
      .options('/v1/customers')
      .set('Origin', 'https://crm.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://crm.example.com');
    const foreign = await api
      .as(undefined)
      .options('/v1/customers')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers).not.toHaveProperty('access-control-allow-origin');
  });
});
