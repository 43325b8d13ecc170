import { DEFAULT_PIPELINE, type Channel } from '@ledgerline/domain';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { customersProjection } from './customers.projection';
import { customerRegistered, interactionLogged } from '../testing/given-events';

const CUSTOMER = '0b6c2d1e-1111-4a1a-8a1a-000000000001';
const OTHER = '0b6c2d1e-1111-4a1a-8a1a-000000000002';
const DEAL_1 = '0b6c2d1e-2222-4a1a-8a1a-000000000001';
const DEAL_2 = '0b6c2d1e-2222-4a1a-8a1a-000000000002';
const DEAL_3 = '0b6c2d1e-2222-4a1a-8a1a-000000000003';
const CALL = '0b6c2d1e-3333-4a1a-8a1a-000000000001';
const MAIL = '0b6c2d1e-3333-4a1a-8a1a-000000000002';

const registered = (customerId: string, name: string) => customerRegistered(customerId, { name, tags: ['vip'] });
const dealOpened = (dealId: string, amount: string, currency = 'EUR') => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: CUSTOMER,
    title: 'Seats',
    amount,
    currency,
    pipelineId: DEFAULT_PIPELINE.pipelineId,
    stageId: 'lead-in',
    probability: 10,
    expectedCloseDate: null,
    owner: null,
    openedAt: '2026-02-01T08:00:00.000Z',
  },
});
const logged = (interactionId: string, channel: Channel, occurredAt: string) =>
  interactionLogged(interactionId, CUSTOMER, { channel, occurredAt });
const purchase = (orderId: string, amount: string, occurredAt: string) => ({
  type: 'CustomerPurchaseRecorded',
  data: { customerId: CUSTOMER, orderId, amount, currency: 'EUR', occurredAt, items: [] },
});

describe('customers read model', () => {
  let harness: ProjectionHarness;
  beforeEach(async () => {
    harness = await projectionHarness();
  });
  afterEach(() => harness.close());

  it('keeps the profile as the write side folds it, with the revision of the last event', async () => {
    await harness.given(`customer-${CUSTOMER}`, [
      registered(CUSTOMER, 'Acme'),
      { type: 'CustomerProfileUpdated', data: { customerId: CUSTOMER, changes: { name: { from: 'Acme', to: 'Acme AG' } } } },
      { type: 'CustomerTagsAdded', data: { customerId: CUSTOMER, tags: ['enterprise'] } },
      { type: 'CustomerTagsRemoved', data: { customerId: CUSTOMER, tags: ['vip'] } },
      { type: 'CustomerLifecycleStageChanged', data: { customerId: CUSTOMER, from: 'lead', to: 'prospect' } },
      {
        type: 'CustomerExternalReferenceLinked',
        data: { customerId: CUSTOMER, system: 'erp', externalId: 'C-1', previousExternalId: null },
      },
    ]);
    await harness.given(`customer-${OTHER}`, [
      registered(OTHER, 'Other'),
      { type: 'CustomerArchived', data: { customerId: OTHER, reason: 'duplicate', archivedAt: '2026-03-01T00:00:00.000Z' } },
    ]);

    await harness.catchUp(customersProjection);

    const rows = await harness.rows(
      `SELECT customer_id, name, tags, lifecycle_stage, external_refs, status, archive_reason, revision FROM crm.customers ORDER BY name`,
    );
    expect(rows).toEqual([
      {
        customer_id: CUSTOMER,
        name: 'Acme AG',
        tags: ['enterprise'],
        lifecycle_stage: 'prospect',
        external_refs: { erp: 'C-1' },
        status: 'active',
        archive_reason: null,
        revision: 5,
      },
      {
        customer_id: OTHER,
        name: 'Other',
        tags: ['vip'],
        lifecycle_stage: 'lead',
        external_refs: {},
        status: 'archived',
        archive_reason: 'duplicate',
        revision: 1,
      },
    ]);
  });

  it('keeps an erased customer, with its facts, and none of its personal data; a rebuild agrees', async () => {
    await harness.given(`customer-${CUSTOMER}`, [
      customerRegistered(CUSTOMER, { kind: 'person', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' }),
      { type: 'CustomerProfileUpdated', data: { customerId: CUSTOMER, changes: { customFields: { shoeSize: { from: null, to: 38 } } } } },
      { type: 'CustomerArchived', data: { customerId: CUSTOMER, reason: 'moved away', archivedAt: '2026-03-01T00:00:00.000Z' } },
      purchase('SO-1', '100', '2026-01-20T00:00:00.000Z'),
    ]);
    const live = await harness.catchUp(customersProjection);
    await harness.keyring.destroy(CUSTOMER);
    await harness.given(`customer-${CUSTOMER}`, [
      {
        type: 'CustomerErased',
        data: { customerId: CUSTOMER, legalBasis: 'objection', requestReference: null, erasedAt: '2026-04-01T00:00:00.000Z' },
      },
    ]);
    await harness.waitForCatchUp(live);
    const erased = await harness.rows(`SELECT * FROM crm.customers`);
    expect(erased).toEqual([
      expect.objectContaining({
        name: '[erased]',
        email: null,
        phone: null,
        custom_fields: {},
        archive_reason: null,
        status: 'erased',
        erased_at: new Date('2026-04-01T00:00:00.000Z'),
        order_count: 1,
      }),
    ]);
    await live.stop();
    await harness.catchUp({ ...customersProjection, version: customersProjection.version + 1 });
    expect(await harness.rows(`SELECT * FROM crm.customers`)).toEqual(erased);
  });

  it('derives deal, interaction and purchase facts, also across batches', async () => {
    await harness.given(`customer-${CUSTOMER}`, [registered(CUSTOMER, 'Acme')]);
    await harness.given(`deal-${DEAL_1}`, [dealOpened(DEAL_1, '1000.50')]);
    await harness.given(`deal-${DEAL_2}`, [
      dealOpened(DEAL_2, '200'),
      { type: 'DealWon', data: { dealId: DEAL_2, amount: '200', currency: 'EUR', stageId: 'lead-in', wonAt: '2026-02-02T00:00:00.000Z' } },
    ]);
    await harness.given(`deal-${DEAL_3}`, [
      dealOpened(DEAL_3, '50', 'USD'),
      {
        type: 'DealAmountChanged',
        data: { dealId: DEAL_3, from: { amount: '50', currency: 'USD' }, to: { amount: '70', currency: 'USD' } },
      },
    ]);
    await harness.given(`interaction-${CALL}`, [logged(CALL, 'phone', '2026-02-03T10:00:00.000Z')]);
    await harness.given(`interaction-${MAIL}`, [
      logged(MAIL, 'email', '2026-02-05T10:00:00.000Z'),
      { type: 'InteractionDeleted', data: { interactionId: MAIL, reason: null, deletedAt: '2026-02-06T00:00:00.000Z' } },
    ]);
    await harness.given(`customer-${CUSTOMER}`, [
      purchase('SO-1', '100', '2026-01-20T00:00:00.000Z'),
      purchase('SO-2', '50.25', '2026-02-20T00:00:00.000Z'),
    ]);

    await harness.catchUp(customersProjection, { batchSize: 3 });

    const [row] = await harness.rows(`SELECT * FROM crm.customers`);
    expect(row).toMatchObject({
      open_deals: 2,
      won_deals: 1,
      lost_deals: 0,
      open_pipeline_value: { EUR: '1000.5', USD: '70' },
      interaction_count: 1,
      interactions_by_channel: { phone: 1 },
      last_interaction_channel: 'phone',
      order_count: 2,
      purchase_totals: { EUR: { orders: 2, total: '150.25' } },
    });
    expect(row.last_interaction_at).toEqual(new Date('2026-02-03T10:00:00.000Z'));
    expect(row.first_purchase_at).toEqual(new Date('2026-01-20T00:00:00.000Z'));
    expect(row.last_purchase_at).toEqual(new Date('2026-02-20T00:00:00.000Z'));
  });

  it('drops a reversed purchase from the facts, in the batch that recorded it and in a later one', async () => {
    const reversed = (orderId: string, amount: string) => ({
      type: 'CustomerPurchaseReversed',
      data: { customerId: CUSTOMER, orderId, amount, currency: 'EUR', reversedAt: '2026-03-01T00:00:00.000Z' },
    });
    await harness.given(`customer-${CUSTOMER}`, [
      registered(CUSTOMER, 'Acme'),
      purchase('SO-1', '100', '2026-01-20T00:00:00.000Z'),
      purchase('SO-2', '50.25', '2026-02-20T00:00:00.000Z'),
      reversed('SO-2', '50.25'),
      purchase('SO-3', '10', '2026-02-21T00:00:00.000Z'),
      reversed('SO-1', '100'),
    ]);

    await harness.catchUp(customersProjection, { batchSize: 4 });

    const [row] = await harness.rows(`SELECT order_count, purchase_totals, first_purchase_at FROM crm.customers`);
    expect(row).toEqual({
      order_count: 1,
      purchase_totals: { EUR: { orders: 1, total: '10' } },
      first_purchase_at: new Date('2026-02-21T00:00:00.000Z'),
    });
  });

  // A batch of 2 splits the two returns of SO-1; one of 50 takes them in one statement: both must end alike.
  it.each([2, 50])('keeps the items of purchases net of their returns and counts the net amount (batches of %i)', async (batchSize) => {
    const drill = { sku: 'DRL', name: 'Drill', category: 'tools', quantity: '3', unitPrice: '30', amount: '90' };
    const bits = { sku: 'BIT', name: 'Bits', category: null, quantity: '1', unitPrice: '10', amount: '10' };
    const bought = (orderId: string, items: object[], amount: string) => ({
      ...purchase(orderId, amount, '2026-01-20T00:00:00.000Z'),
      data: { ...purchase(orderId, amount, '2026-01-20T00:00:00.000Z').data, items },
    });
    const returned = (returnId: string, orderId: string, items: object[], amount: string) => ({
      type: 'CustomerPurchaseItemsReturned',
      data: { customerId: CUSTOMER, orderId, returnId, items, amount, currency: 'EUR', returnedAt: '2026-02-01T00:00:00.000Z' },
    });
    await harness.given(`customer-${CUSTOMER}`, [
      registered(CUSTOMER, 'Acme'),
      bought('SO-1', [drill, bits], '100'),
      returned('CN-1', 'SO-1', [{ sku: 'DRL', quantity: '1', amount: '30' }], '30'),
      returned(
        'CN-2',
        'SO-1',
        [
          { sku: 'DRL', quantity: '1', amount: '30' },
          { sku: 'BIT', quantity: '1', amount: '10' },
        ],
        '40',
      ),
      bought('SO-2', [{ ...drill, sku: 'SAW' }], '90'),
      {
        type: 'CustomerPurchaseReversed',
        data: { customerId: CUSTOMER, orderId: 'SO-2', amount: '90', currency: 'EUR', reversedAt: '2026-03-01T00:00:00.000Z' },
      },
    ]);

    await harness.catchUp(customersProjection, { batchSize });

    expect(
      await harness.rows(
        `SELECT sku, trim_scale(returned_quantity)::text AS returned, trim_scale(returned_amount)::text AS amount FROM crm.customer_purchase_items ORDER BY sku`,
      ),
    ).toEqual([
      { sku: 'BIT', returned: '1', amount: '10' },
      { sku: 'DRL', returned: '2', amount: '60' },
    ]);
    const [row] = await harness.rows(`SELECT order_count, purchase_totals FROM crm.customers`);
    expect(row).toEqual({ order_count: 1, purchase_totals: { EUR: { orders: 1, total: '30' } } });
  });
});
