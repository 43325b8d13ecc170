import type { Test } from 'supertest';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

/**
 * Malformed requests across the routes. Each is refused before anything is written: 400 (413 for an oversized
 * body) as problem+json with a stable `code`, and field validation failures name the field in `errors`.
 * Paths and bodies name existing records as :customer, :deal and :interaction.
 */

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

type Case = Readonly<{
  name: string;
  method: Method;
  path: string;
  body?: unknown;
  /** Sent as is instead of `body`, for text that is not JSON. */
  raw?: string;
  headers?: Readonly<Record<string, string>>;
  status?: number;
  code?: string;
  /** The field the problem names: in `errors` for validation-failed, in `details.field` for the domain's own checks. */
  field?: string;
}>;

// Valid bodies; each case breaks exactly one thing in one of them (the control test proves they are accepted).
const CUSTOMER = { kind: 'company', name: 'Acme GmbH' };
const DEAL = { customerId: ':customer', title: '40 seats', amount: '1250.50', currency: 'EUR' };
const INTERACTION = { customerId: ':customer', channel: 'email', direction: 'inbound', occurredAt: '2026-03-02T10:30:00Z' };
const PIPELINE = { name: 'Partners', stages: [{ id: 'intro', name: 'Intro', probability: 10 }] };
const PURCHASE = { orderId: 'SO-1', amount: '99.90', currency: 'EUR', occurredAt: '2026-03-02T10:30:00Z' };

const post = (path: string, body: object, broken: object) => ({ method: 'post' as const, path, body: { ...body, ...broken } });
const patch = (path: string, broken: object) => ({ method: 'patch' as const, path, body: broken });

const customer = (broken: object) => post('/v1/customers', CUSTOMER, broken);
const deal = (broken: object) => post('/v1/deals', DEAL, broken);
const interaction = (broken: object) => post('/v1/interactions', INTERACTION, broken);
const pipeline = (broken: object) => post('/v1/pipelines', PIPELINE, broken);

const cases: Case[] = [
  // wrong types
  { name: 'customer name as a number', ...customer({ name: 42 }), field: 'name' },
  { name: 'customer kind outside the list', ...customer({ kind: 'robot' }), field: 'kind' },
  { name: 'customer tags as a string', ...customer({ tags: 'vip' }), field: 'tags' },
  { name: 'customer custom field holding an object', ...customer({ customFields: { nested: { a: 1 } } }), field: 'customFields' },
  { name: 'deal title as an array', ...deal({ title: ['40 seats'] }), field: 'title' },
  { name: 'deal customerId that is no uuid', ...deal({ customerId: 'acme' }), field: 'customerId' },
  { name: 'deal stage id with capitals', ...deal({ stageId: 'Proposal' }), field: 'stageId' },
  { name: 'interaction channel outside the list', ...interaction({ channel: 'pigeon' }), field: 'channel' },
  {
    name: 'pipeline probability as a string',
    ...pipeline({ stages: [{ id: 'intro', name: 'Intro', probability: '10' }] }),
    field: 'stages.0.probability',
  },
  { name: 'lose reason as a number', method: 'post', path: '/v1/deals/:deal/lose', body: { reason: 7 }, field: 'reason' },
  { name: 'deal title set to null', ...patch('/v1/deals/:deal', { title: null }), field: 'title' },
  { name: 'customer name set to empty text', ...patch('/v1/customers/:customer', { name: '' }), field: 'name' },
  // unknown fields
  { name: 'unknown field on a new customer', ...customer({ nickname: 'ACME' }), field: 'nickname' },
  { name: 'unknown field on a deal update', ...patch('/v1/deals/:deal', { title: 'New', probability: 90 }), field: 'probability' },
  {
    name: 'unknown field in a pipeline stage',
    ...pipeline({ stages: [{ id: 'intro', name: 'Intro', probability: 10, colour: 'red' }] }),
    field: 'stages.0.colour',
  },
  // huge strings
  { name: 'customer name of 10,000 characters', ...customer({ name: 'n'.repeat(10_000) }), field: 'name' },
  { name: 'interaction summary of 10,001 characters', ...interaction({ summary: 's'.repeat(10_001) }), field: 'summary' },
  { name: 'e-mail of 300 characters', ...customer({ email: `${'a'.repeat(288)}@example.com` }), field: 'email' },
  // money
  { name: 'currency EURO', ...deal({ currency: 'EURO' }), field: 'currency' },
  { name: 'currency XXX, which ISO 4217 lists but is no money', ...deal({ currency: 'XXX' }), field: 'currency' },
  { name: 'negative amount', ...deal({ amount: '-1' }), field: 'amount' },
  { name: 'amount as a JSON number', ...deal({ amount: 1250.5 }), field: 'amount' },
  { name: 'amount with 5 fraction digits', ...deal({ amount: '1.23456' }), field: 'amount' },
  { name: 'amount with 16 integer digits', ...deal({ amount: '1234567890123456' }), field: 'amount' },
  { name: 'amount in exponent notation', ...deal({ amount: '1e3' }), field: 'amount' },
  {
    name: 'purchase amount with a comma',
    method: 'post',
    path: '/v1/customers/:customer/purchases',
    body: { ...PURCHASE, amount: '99,90' },
    field: 'amount',
  },
  // dates and instants
  { name: 'close date 2026-02-30', ...deal({ expectedCloseDate: '2026-02-30' }), field: 'expectedCloseDate' },
  { name: 'close date 2026-13-01', ...deal({ expectedCloseDate: '2026-13-01' }), field: 'expectedCloseDate' },
  { name: 'close date "yesterday"', ...patch('/v1/deals/:deal', { expectedCloseDate: 'yesterday' }), field: 'expectedCloseDate' },
  { name: 'follow-up date with a time', ...interaction({ followUpDueDate: '2026-03-09T10:00:00Z' }), field: 'followUpDueDate' },
  { name: 'occurredAt "yesterday"', ...interaction({ occurredAt: 'yesterday' }), field: 'occurredAt' },
  { name: 'occurredAt on 2026-02-30', ...interaction({ occurredAt: '2026-02-30T10:00:00Z' }), field: 'occurredAt' },
  {
    name: 'occurredAt without a time zone',
    ...interaction({ occurredAt: '2026-03-02T10:30:00' }),
    code: 'invalid-instant',
    field: 'occurredAt',
  },
  // contact data
  { name: 'invalid e-mail', ...customer({ email: 'buyer(at)acme.example' }), field: 'email' },
  { name: 'country that is no ISO code', ...customer({ country: 'Germany' }), field: 'country' },
  // path parameters and headers
  { name: 'deal id that is no uuid', method: 'get', path: '/v1/deals/42', field: 'id' },
  { name: 'interaction id that is no uuid, on a command', ...patch('/v1/interactions/not-a-uuid', { subject: 'Hi' }), field: 'id' },
  {
    name: 'If-Match that is no ETag',
    ...patch('/v1/deals/:deal', { title: 'New' }),
    headers: { 'If-Match': 'yesterday' },
    field: 'If-Match',
  },
  // the body itself
  { name: 'malformed JSON text', method: 'post', path: '/v1/customers', raw: '{"kind": "company", "name": ', code: 'malformed-json' },
  { name: 'a JSON string instead of an object', method: 'post', path: '/v1/deals', raw: '"40 seats"', code: 'malformed-json' },
  { name: 'no body at all', method: 'post', path: '/v1/deals/:deal/stage', raw: '', field: 'stageId' },
  { name: 'body over 256 kB', ...customer({ industry: 'x'.repeat(300 * 1024) }), status: 413, code: 'payload-too-large' },
];

describe('malformed requests over HTTP', () => {
  let api: ApiHarness;
  const ids: Record<string, string> = {};
  const resolve = (text: string) => text.replace(/:(customer|deal|interaction)\b/g, (_, kind: string) => ids[kind]);

  const send = ({ method, path, body, raw, headers = {} }: Omit<Case, 'name'>): Test => {
    const request = api.http()[method](resolve(path)).set('Content-Type', 'application/json').set(headers);
    const payload = raw ?? (body === undefined ? undefined : resolve(JSON.stringify(body)));
    return payload === undefined ? request : request.send(payload);
  };

  beforeAll(async () => {
    api = await startApi();
    ids.customer = (await send(customer({})).expect(201)).body.id;
    ids.deal = (await send(deal({})).expect(201)).body.id;
    ids.interaction = (await send(interaction({})).expect(201)).body.id;
  });
  afterAll(() => api.close());

  it.each(cases)('refuses $name and writes nothing', async (malformed) => {
    const { status = 400, code = 'validation-failed', field } = malformed;
    const response = await api.writesNothing(() => send(malformed));

    expectProblem(response, status, code);
    expect(response.body.instance).toBe(resolve(malformed.path));
    expect(response.body.detail).toEqual(expect.any(String));
    if (code === 'validation-failed') {
      expect(response.body.errors).toContainEqual({ field, messages: expect.arrayContaining([expect.any(String)]) });
    } else if (field !== undefined) {
      expect(response.body.details).toMatchObject({ field });
    }
  });

  it.each([
    ['a customer', customer({}), 201],
    ['a deal', deal({}), 201],
    ['an interaction', interaction({}), 201],
    ['a pipeline', pipeline({}), 201],
    ['a purchase', { method: 'post' as const, path: '/v1/customers/:customer/purchases', body: PURCHASE }, 200],
  ])('accepts the unbroken body of %s (control)', async (_, request, status) => {
    await send(request).expect(status);
  });
});
