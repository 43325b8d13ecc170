import { setTimeout as sleep } from 'node:timers/promises';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

type Line = {
  position: string;
  stream: string;
  revision: number;
  eventId: string;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
};

const ndjson = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

describe('GET /v1/audit/export: the log as NDJSON for auditors', () => {
  let api: ApiHarness;
  let auditor: string;
  let customerId: string;
  let everything: Line[];

  const exported = async (query: string, credential = auditor) => {
    const response = await api.as(credential).get(`/v1/audit/export${query}`).buffer(true);
    return { response, lines: response.status === 200 ? ndjson(response.text) : [] };
  };

  beforeAll(async () => {
    api = await startApi();
    auditor = (await api.createKey(['auditor'])).secret;
    customerId = (
      await api.http().post('/v1/customers').set('X-Correlation-Id', 'onboarding-7').send({ kind: 'company', name: 'Acme' }).expect(201)
    ).body.id;
    await api.http().patch(`/v1/customers/${customerId}`).set('X-Correlation-Id', 'rename-8').send({ name: 'Acme AG' }).expect(200);
    const dealId = (
      await api.http().post('/v1/deals').send({ customerId, title: '40 seats', amount: '12000', currency: 'EUR' }).expect(201)
    ).body.id;
    await api.http().post(`/v1/deals/${dealId}/stage`).send({ stageId: 'proposal' }).expect(200);
    // The log shows an event once every older transaction of the cluster ended (other suites share it): wait for all.
    const stored = (await api.allEvents()).length;
    for (const deadline = Date.now() + 10_000; ; await sleep(50)) {
      everything = (await exported('')).lines;
      if (everything.length === stored || Date.now() > deadline) break;
    }
    expect(everything).toHaveLength(stored);
  });
  afterAll(() => api.close());

  it('streams every event in log order, each with its stream, revision and all its metadata', async () => {
    const { response } = await api.writesNothing(() => exported(''));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const positions = everything.map((line) => BigInt(line.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(positions).size).toBe(positions.length);
    const rename = everything.find((line) => line.type === 'CustomerProfileUpdated');
    expect(rename).toMatchObject({
      stream: `customer-${customerId}`,
      revision: 1,
      data: { customerId, changes: { name: { from: 'Acme', to: 'Acme AG' } } },
      metadata: { correlationId: 'rename-8', actor: expect.objectContaining({ type: expect.any(String) }), source: expect.any(String) },
    });
    expect(Object.keys(rename as Line).sort()).toEqual(
      ['data', 'eventId', 'hash', 'metadata', 'position', 'recordedAt', 'revision', 'schemaVersion', 'stream', 'type'].sort(),
    );
  });

  it('resumes after the position of the last line received, and keeps to one record kind', async () => {
    const resumed = await exported(`?after=${everything[1].position}`);
    expect(resumed.lines.map((line) => line.eventId)).toEqual(everything.slice(2).map((line) => line.eventId));
    const deals = await exported('?kind=deal');
    expect(deals.lines.map((line) => line.type)).toEqual(['DealOpened', 'DealStageChanged']);
    expect(deals.lines.every((line) => line.stream.startsWith('deal-'))).toBe(true);
  });

  it('takes a range by positions or by recording instants, both ends included', async () => {
    const [, second, third] = everything;
    const byPosition = await exported(`?from=${second.position}&to=${third.position}`);
    expect(byPosition.lines.map((line) => line.eventId)).toEqual([second.eventId, third.eventId]);
    const last = everything[everything.length - 1];
    const byInstant = await exported(`?from=${encodeURIComponent(last.recordedAt)}`);
    expect(byInstant.lines.map((line) => line.eventId)).toContain(last.eventId);
    expect(byInstant.lines.every((line) => line.recordedAt >= last.recordedAt)).toBe(true);
  });

  it('refuses a malformed range or an unknown kind with 400, and roles other than admin and auditor with 403', async () => {
    expectProblem((await exported('?from=yesterday')).response, 400, 'invalid-log-range');
    expectProblem((await exported('?from=2026-11-02&to=2026-11-01')).response, 400, 'invalid-log-range');
    expectProblem((await exported('?after=2026-11-01')).response, 400, 'invalid-log-range');
    expectProblem((await exported('?kind=invoice')).response, 400, 'validation-failed');
    for (const role of ['sales', 'analyst', 'integration']) {
      expectProblem((await exported('', (await api.createKey([role])).secret)).response, 403, 'forbidden');
    }
    expect((await exported('', api.adminKey)).lines).toHaveLength(everything.length);
  });
});
