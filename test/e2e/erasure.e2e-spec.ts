import { auditLog } from '@ledgerline/audit';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { cliContext } from '../../apps/cli/src/testing/cli-context';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

/** What identifies the person: none of it may survive the erasure anywhere in the database. */
const PERSONAL = [
  'Zelda Quartermain',
  'zelda.q@example.org',
  'zq@quartermain.example',
  '+49 30 5550 1234',
  'left-handed',
  'Zelda agreed',
  'Quartermainweg 7',
  'Wolkenkuckucksheim',
];

describe('POST /v1/customers/:id/erase: GDPR erasure by crypto-shredding', () => {
  let api: ApiHarness;
  let customerId: string;
  let interactionId: string;
  let last: string;
  let keyBeforeErasure: { wrapped_key: Buffer; master_key_id: string };
  const keyRow = async () =>
    (
      (await api.sql(`SELECT wrapped_key, master_key_id, destroyed_at FROM subject_keys WHERE subject = $1`, [customerId])) as {
        rows: object[];
      }
    ).rows[0];

  /** Every row of every table of the database as text, where a personal value would show. */
  const tablesHolding = async (text: string): Promise<string[]> => {
    const tables = (await api.sql(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    )) as { rows: { name: string }[] };
    const holding: string[] = [];
    for (const { name } of tables.rows) {
      const found = (await api.sql(`SELECT count(*)::int AS count FROM ${name} AS t WHERE t::text ILIKE $1`, [`%${text}%`])) as {
        rows: { count: number }[];
      };
      if (found.rows[0].count > 0) holding.push(name);
    }
    return holding;
  };

  beforeAll(async () => {
    api = await startApi();
    const send = (method: 'post' | 'patch', path: string, body: object, key: string) =>
      api.http()[method](path).set('Idempotency-Key', key).send(body);
    customerId = (
      await send(
        'post',
        '/v1/customers',
        {
          kind: 'person',
          name: 'Zelda Quartermain',
          email: 'zelda.q@example.org',
          phone: '+49 30 5550 1234',
          customFields: { notes: 'left-handed' },
          addresses: { visiting: { street: 'Quartermainweg 7', city: 'Wolkenkuckucksheim', postcode: '14467', country: 'DE' } },
        },
        'register-zelda',
      ).expect(201)
    ).body.id;
    await send('patch', `/v1/customers/${customerId}`, { email: 'zq@quartermain.example', country: 'DE' }, 'new-mail').expect(200);
    interactionId = (
      await send(
        'post',
        '/v1/interactions',
        {
          customerId,
          channel: 'phone',
          direction: 'inbound',
          occurredAt: '2026-11-02T10:00:00Z',
          subject: 'Call with Zelda Quartermain',
          summary: 'Zelda agreed',
        },
        'call',
      ).expect(201)
    ).body.id;
    await send(
      'post',
      `/v1/customers/${customerId}/purchases`,
      { orderId: 'SO-1', amount: '250', currency: 'EUR', occurredAt: '2026-11-03T10:00:00Z' },
      'order',
    );
    last = (
      await api
        .http()
        .post(`/v1/customers/${customerId}/tags`)
        .send({ tags: ['vip'] })
        .expect(200)
    ).body.position;
    await api.http().get(`/v1/customers/${customerId}?consistentWith=${last}`).expect(200);
    expect(await tablesHolding('zelda.q@example.org')).not.toEqual([]);
    keyBeforeErasure = (await keyRow()) as typeof keyBeforeErasure;
    expect(keyBeforeErasure.wrapped_key).toBeInstanceOf(Buffer);
  });
  afterAll(() => api.close());

  it('is for admins only, with a legal basis of Art. 17(1), and 404 for a customer that does not exist', async () => {
    const sales = (await api.createKey(['sales'])).secret;
    await api.writesNothing(async () => {
      expectProblem(await api.as(sales).post(`/v1/customers/${customerId}/erase`).send({ legalBasis: 'objection' }), 403, 'forbidden');
      expectProblem(await api.http().post(`/v1/customers/${customerId}/erase`).send({}), 400, 'validation-failed');
      expectProblem(
        await api
          .http()
          .post(`/v1/customers/${customerId}/erase`)
          .send({ legalBasis: 'objection', requestReference: 'zelda.q@example.org' }),
        400,
        'validation-failed',
      );
      expectProblem(
        await api.http().post('/v1/customers/0b6c2d1e-9999-4a1a-8a1a-000000000001/erase').send({ legalBasis: 'objection' }),
        404,
        'customer-not-found',
      );
    });
  });

  describe('once erased', () => {
    let erased: { id: string; revision: number; position: string };

    beforeAll(async () => {
      erased = (
        await api
          .http()
          .post(`/v1/customers/${customerId}/erase`)
          .send({ legalBasis: 'consent-withdrawn', requestReference: 'DSR-2026/117' })
          .expect(200)
      ).body;
      await api.http().get(`/v1/customers?consistentWith=${erased.position}`).expect(200);
      // The relay of the other processes and the projections settle: the audit timeline is scrubbed in its own batch.
      await api
        .http()
        .get(`/v1/audit/timeline?consistentWith=${erased.position}`)
        .ok(() => true);
    });

    it('keeps the record, anonymous, with its facts, and the erasure with who, when and why', async () => {
      const customer = (await api.http().get(`/v1/customers/${customerId}?consistentWith=${erased.position}`).expect(200)).body;
      expect(customer).toMatchObject({
        status: 'erased',
        name: '[erased]',
        email: null,
        phone: null,
        customFields: {},
        country: 'DE',
        tags: ['vip'],
      });
      const history = (await api.http().get(`/v1/customers/${customerId}/history`).expect(200)).body.items;
      expect(history[0].data).toMatchObject({
        name: '[erased]',
        email: '[erased]',
        phone: '[erased]',
        customFields: { notes: '[erased]' },
      });
      expect(history.at(-1)).toMatchObject({
        type: 'CustomerErased',
        data: { legalBasis: 'consent-withdrawn', requestReference: 'DSR-2026/117' },
        metadata: { actor: { type: 'api-key' } },
      });
      const interaction = (await api.http().get(`/v1/interactions/${interactionId}`).expect(200)).body;
      expect(interaction).toMatchObject({ subject: '[erased]', summary: '[erased]', channel: 'phone' });
      const list = (await api.http().get(`/v1/customers?status=erased&consistentWith=${erased.position}`).expect(200)).body;
      expect(list.items.map((item: { id?: string; customerId?: string }) => item.customerId ?? item.id)).toContain(customerId);
    });

    it('leaves no plaintext copy in any table of the database', async () => {
      for (const value of PERSONAL) expect([value, await tablesHolding(value)]).toEqual([value, []]);
    });

    it('changes nothing in the log when asked again, and destroys a key a restored backup brought back', async () => {
      expect(await keyRow()).toEqual({ wrapped_key: null, master_key_id: null, destroyed_at: expect.any(Date) });
      await api.sql(`UPDATE subject_keys SET wrapped_key = $2, master_key_id = $3, destroyed_at = NULL WHERE subject = $1`, [
        customerId,
        keyBeforeErasure.wrapped_key,
        keyBeforeErasure.master_key_id,
      ]);
      const again = await api.writesNothing(() => api.http().post(`/v1/customers/${customerId}/erase`).send({ legalBasis: 'objection' }));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(erased);
      expect(await keyRow()).toMatchObject({ wrapped_key: null, master_key_id: null });
    });

    it('takes no new personal data for the customer', async () => {
      await api.writesNothing(async () => {
        expectProblem(await api.http().patch(`/v1/customers/${customerId}`).send({ name: 'Zelda Q.' }), 409, 'customer-erased');
        expectProblem(
          await api
            .http()
            .post('/v1/interactions')
            .send({ customerId, channel: 'email', direction: 'inbound', occurredAt: '2026-11-04T10:00:00Z' }),
          409,
          'customer-erased',
        );
      });
    });

    it('keeps every hash chain verifying: they cover the sealed bytes, which the erasure left as they were', async () => {
      const cli = await cliContext(api.databaseUrl);
      try {
        const { report } = await auditLog(cli.get<EventStore>(EVENT_STORE));
        expect(report).toMatchObject({ ok: true, breakCount: 0, complete: true });
      } finally {
        await cli.close();
      }
    });
  });
});
