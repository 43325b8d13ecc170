import { randomUUID } from 'node:crypto';
import { DEFAULT_PIPELINE, type Event } from '@ledgerline/domain';
import { InvalidCursor } from '../cursor';
import { Checkpoints } from '../runner/checkpoints';
import { projectedEvents } from '../runner/projected-event';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { auditTimelineProjection } from './audit-timeline.projection';
import { AuditTimelineQueries } from './audit-timeline.queries';
import { customerRegistered } from '../testing/given-events';

const CUSTOMER = '0b6c2d1e-1111-4a1a-8a1a-000000000001';
const OTHER = '0b6c2d1e-1111-4a1a-8a1a-000000000002';
const DEAL = '0b6c2d1e-2222-4a1a-8a1a-000000000001';
const CALL = '0b6c2d1e-3333-4a1a-8a1a-000000000001';
const NOTE = '0b6c2d1e-3333-4a1a-8a1a-000000000002';
const PIPELINE = DEFAULT_PIPELINE.pipelineId;

const ANA = { type: 'user', id: 'ana', name: 'Ana', roles: ['sales'], authMethod: 'jwt' };
const ERP = { type: 'integration', id: 'erp', roles: [], authMethod: 'kafka' };

const CONTACT = { email: null, phone: null, country: 'DE', industry: null, owner: null };
const registered = (customerId: string, name: string) => customerRegistered(customerId, { name, ...CONTACT });
const logged = (interactionId: string, dealId: string | null, subject: string) => ({
  type: 'InteractionLogged',
  data: {
    interactionId,
    customerId: CUSTOMER,
    dealId,
    channel: 'phone',
    direction: 'outbound',
    occurredAt: '2026-02-03T10:00:00.000Z',
    subject,
    summary: null,
    outcome: null,
    followUpDueDate: null,
  },
});

describe('audit timeline read model', () => {
  let harness: ProjectionHarness;
  let commands = 0;

  /** Appends events as one command would: with its actor, correlation, causation, source and time. */
  const given = async (streamId: string, events: readonly Event[], actor: object = ANA, source = 'api') => {
    commands += 1;
    await harness.given(streamId, events, {
      actor,
      correlationId: `corr-${commands}`,
      causationId: `req-${commands}`,
      occurredAt: `2026-04-01T00:00:${String(commands).padStart(2, '0')}.000Z`,
      source,
    });
  };

  beforeEach(async () => {
    commands = 0;
    harness = await projectionHarness();
    await given(`customer-${CUSTOMER}`, [
      registered(CUSTOMER, 'Acme'),
      { type: 'CustomerProfileUpdated', data: { customerId: CUSTOMER, changes: { name: { from: 'Acme', to: 'Acme AG' } } } },
    ]);
    await given(`customer-${OTHER}`, [registered(OTHER, 'Other')]);
    await given(`pipeline-${PIPELINE}`, [
      {
        type: 'PipelineDefined',
        data: { pipelineId: PIPELINE, name: 'Sales', stages: [{ id: 'proposal', name: 'Proposal', probability: 50 }] },
      },
    ]);
    await given(`deal-${DEAL}`, [
      {
        type: 'DealOpened',
        data: {
          dealId: DEAL,
          customerId: CUSTOMER,
          title: 'Seats',
          amount: '12000',
          currency: 'EUR',
          pipelineId: PIPELINE,
          stageId: 'proposal',
          probability: 50,
          expectedCloseDate: null,
          owner: null,
          openedAt: '2026-02-01T08:00:00.000Z',
        },
      },
    ]);
    await given(`interaction-${CALL}`, [logged(CALL, DEAL, 'Kick-off')]);
    await given(`interaction-${NOTE}`, [logged(NOTE, null, 'Intro')]);
    await given(
      `customer-${CUSTOMER}`,
      [{ type: 'CustomerTagsAdded', data: { customerId: CUSTOMER, tags: ['enterprise'] } }],
      ERP,
      'kafka:erp',
    );
    // Later batches find the deal's and the interaction's customer in the links table, not in the batch.
    await given(`deal-${DEAL}`, [
      { type: 'DealWon', data: { dealId: DEAL, amount: '12000', currency: 'EUR', stageId: 'proposal', wonAt: '2026-03-01T00:00:00.000Z' } },
    ]);
    await given(`interaction-${CALL}`, [
      { type: 'InteractionDeleted', data: { interactionId: CALL, reason: 'logged twice', deletedAt: '2026-03-02T00:00:00.000Z' } },
    ]);
  });
  afterEach(() => harness.close());

  const allRows = () => harness.rows(`SELECT * FROM crm.audit_timeline ORDER BY position, record_kind, record_id`);

  it('writes one row per event per affected record, with who, when, through what and a summary', async () => {
    await harness.catchUp(auditTimelineProjection, { batchSize: 3 });

    const rows = await harness.rows<Record<string, string>>(
      `SELECT type, record_kind, record_id, customer_id, summary FROM crm.audit_timeline ORDER BY position, record_kind`,
    );
    expect(rows).toEqual([
      {
        type: 'CustomerRegistered',
        record_kind: 'customer',
        record_id: CUSTOMER,
        customer_id: CUSTOMER,
        summary: 'registered company Acme as lead',
      },
      {
        type: 'CustomerProfileUpdated',
        record_kind: 'customer',
        record_id: CUSTOMER,
        customer_id: CUSTOMER,
        summary: 'name: Acme → Acme AG',
      },
      {
        type: 'CustomerRegistered',
        record_kind: 'customer',
        record_id: OTHER,
        customer_id: OTHER,
        summary: 'registered company Other as lead',
      },
      {
        type: 'PipelineDefined',
        record_kind: 'pipeline',
        record_id: PIPELINE,
        customer_id: null,
        summary: 'defined pipeline Sales: Proposal 50%',
      },
      {
        type: 'DealOpened',
        record_kind: 'customer',
        record_id: CUSTOMER,
        customer_id: CUSTOMER,
        summary: 'opened Seats: 12,000 EUR in proposal (50%)',
      },
      {
        type: 'DealOpened',
        record_kind: 'deal',
        record_id: DEAL,
        customer_id: CUSTOMER,
        summary: 'opened Seats: 12,000 EUR in proposal (50%)',
      },
      {
        type: 'InteractionLogged',
        record_kind: 'customer',
        record_id: CUSTOMER,
        customer_id: CUSTOMER,
        summary: 'logged outbound phone: Kick-off',
      },
      {
        type: 'InteractionLogged',
        record_kind: 'deal',
        record_id: DEAL,
        customer_id: CUSTOMER,
        summary: 'logged outbound phone: Kick-off',
      },
      {
        type: 'InteractionLogged',
        record_kind: 'interaction',
        record_id: CALL,
        customer_id: CUSTOMER,
        summary: 'logged outbound phone: Kick-off',
      },
      {
        type: 'InteractionLogged',
        record_kind: 'customer',
        record_id: CUSTOMER,
        customer_id: CUSTOMER,
        summary: 'logged outbound phone: Intro',
      },
      {
        type: 'InteractionLogged',
        record_kind: 'interaction',
        record_id: NOTE,
        customer_id: CUSTOMER,
        summary: 'logged outbound phone: Intro',
      },
      { type: 'CustomerTagsAdded', record_kind: 'customer', record_id: CUSTOMER, customer_id: CUSTOMER, summary: 'tags: +enterprise' },
      { type: 'DealWon', record_kind: 'customer', record_id: CUSTOMER, customer_id: CUSTOMER, summary: 'won 12,000 EUR in proposal' },
      { type: 'DealWon', record_kind: 'deal', record_id: DEAL, customer_id: CUSTOMER, summary: 'won 12,000 EUR in proposal' },
      { type: 'InteractionDeleted', record_kind: 'customer', record_id: CUSTOMER, customer_id: CUSTOMER, summary: 'deleted: logged twice' },
      { type: 'InteractionDeleted', record_kind: 'deal', record_id: DEAL, customer_id: CUSTOMER, summary: 'deleted: logged twice' },
      { type: 'InteractionDeleted', record_kind: 'interaction', record_id: CALL, customer_id: CUSTOMER, summary: 'deleted: logged twice' },
    ]);

    const [event] = await harness.store.readStream(`customer-${CUSTOMER}`, { fromRevision: 2, maxCount: 1 });
    const [tagged] = await harness.rows(`SELECT * FROM crm.audit_timeline WHERE event_id = $1`, [event.id]);
    expect(tagged).toEqual({
      event_id: event.id,
      record_kind: 'customer',
      record_id: CUSTOMER,
      position: event.position.toString(),
      customer_id: CUSTOMER,
      stream_id: `customer-${CUSTOMER}`,
      revision: 2,
      type: 'CustomerTagsAdded',
      occurred_at: new Date('2026-04-01T00:00:07.000Z'),
      recorded_at: event.recordedAt,
      actor: ERP,
      correlation_id: 'corr-7',
      causation_id: 'req-7',
      source: 'kafka:erp',
      summary: 'tags: +enterprise',
      changes: { tags: { added: ['enterprise'] } },
    });
  });

  it('leaves rows of events applied again as they are, and a rebuild from the log gives exactly the same rows', async () => {
    const first = await harness.catchUp(auditTimelineProjection);
    const live = await allRows();
    await first.stop();

    // Applying the same events once more (delivery is at least once) adds nothing and touches no row (same xmin).
    const versions = () => harness.rows(`SELECT event_id, record_kind, record_id, xmin::text FROM crm.audit_timeline ORDER BY 1, 2, 3`);
    const before = await versions();
    const events = await harness.store.readAll({ limit: 100 });
    await harness.dataSource.transaction(async (manager) => {
      await auditTimelineProjection.handle(projectedEvents(auditTimelineProjection, events), {
        sql: manager.queryRunner!,
        table: (table) => table,
      });
    });
    expect(await versions()).toEqual(before);
    expect(await allRows()).toEqual(live);

    // A new version in code replays the whole log into fresh tables and swaps them in.
    await harness.catchUp({ ...auditTimelineProjection, version: 2 }, { batchSize: 4 });
    expect(await new Checkpoints(harness.dataSource.manager).load('audit-timeline')).toMatchObject({ version: 2, state: 'live' });
    expect(await allRows()).toEqual(live);
    expect(live).toHaveLength(17);
  });

  it("keeps who, when and which fields of an erased customer's events, no value of its personal fields, and a rebuild agrees", async () => {
    const first = await harness.catchUp(auditTimelineProjection);
    await harness.keyring.destroy(CUSTOMER);
    await given(`customer-${CUSTOMER}`, [
      {
        type: 'CustomerErased',
        data: { customerId: CUSTOMER, legalBasis: 'consent-withdrawn', requestReference: 'DSR-1', erasedAt: '2026-04-02T00:00:00.000Z' },
      },
    ]);
    await harness.waitForCatchUp(first);
    const live = await allRows();
    await first.stop();
    const text = JSON.stringify(live);
    for (const personal of ['Acme', 'Kick-off', 'Intro', 'logged twice']) expect(text).not.toContain(personal);
    const renamed = live.find((row) => row.type === 'CustomerProfileUpdated');
    expect(renamed).toMatchObject({ summary: 'personal data erased: name', changes: { name: { from: '[erased]', to: '[erased]' } } });
    expect(live.filter((row) => row.record_id === CALL).map((row) => row.summary)).toEqual([
      'personal data erased: subject',
      'personal data erased: deleteReason',
    ]);
    // Rows without personal fields stay as they were; the other customer's too.
    expect(live.find((row) => row.type === 'CustomerTagsAdded')).toMatchObject({ summary: 'tags: +enterprise' });
    expect(live.find((row) => row.record_id === OTHER)).toMatchObject({ changes: { name: { from: null, to: 'Other' } } });

    await harness.catchUp({ ...auditTimelineProjection, version: 2 }, { batchSize: 4 });
    expect(await allRows()).toEqual(live);
  });

  it('answers the customer timeline newest first, in pages, with the record each event is about', async () => {
    await harness.catchUp(auditTimelineProjection);
    const queries = new AuditTimelineQueries(harness.dataSource);

    const seen: { type: string; record: { kind: string; id: string } }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queries.customerTimeline(CUSTOMER, 3, cursor);
      if (!page) throw new Error('the customer is known');
      pages += 1;
      seen.push(...page.items.map(({ type, record }) => ({ type, record })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual([
      { type: 'InteractionDeleted', record: { kind: 'interaction', id: CALL } },
      { type: 'DealWon', record: { kind: 'deal', id: DEAL } },
      { type: 'CustomerTagsAdded', record: { kind: 'customer', id: CUSTOMER } },
      { type: 'InteractionLogged', record: { kind: 'interaction', id: NOTE } },
      { type: 'InteractionLogged', record: { kind: 'interaction', id: CALL } },
      { type: 'DealOpened', record: { kind: 'deal', id: DEAL } },
      { type: 'CustomerProfileUpdated', record: { kind: 'customer', id: CUSTOMER } },
      { type: 'CustomerRegistered', record: { kind: 'customer', id: CUSTOMER } },
    ]);

    const [newest] = (await queries.customerTimeline(CUSTOMER, 1))!.items;
    expect(newest).toMatchObject({
      type: 'InteractionDeleted',
      revision: 1,
      actor: ANA,
      source: 'api',
      summary: 'deleted: logged twice',
      changes: { status: { from: 'logged', to: 'deleted' }, deleteReason: { from: null, to: 'logged twice' } },
    });
    expect(newest.position).toMatch(/^\d+$/);

    expect((await queries.customerTimeline(OTHER, 10))!.items.map((item) => item.type)).toEqual(['CustomerRegistered']);
    expect(await queries.customerTimeline(randomUUID(), 10)).toBeUndefined();
    await expect(queries.customerTimeline(CUSTOMER, 10, 'bm9wZQ')).rejects.toBeInstanceOf(InvalidCursor);
  });
});
