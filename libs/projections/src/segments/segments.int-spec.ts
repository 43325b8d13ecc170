import { customersProjection } from '../customers/customers.projection';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { SegmentRefresher } from './segment-refresher';
import { SegmentQueries } from './segments.queries';
import { customerRegistered, interactionLogged } from '../testing/given-events';

const id = (n: number) => `0b6c2d1e-1111-4a1a-8a1a-${String(n).padStart(12, '0')}`;
const SEGMENT = '0b6c2d1e-5555-4a1a-8a1a-000000000001';
const ANNA = id(1);
const BERT = id(2);
const CARL = id(3);

const registered = (customerId: string, name: string, profile: Record<string, unknown> = {}) =>
  customerRegistered(customerId, { name, ...profile });
const purchase = (customerId: string, orderId: string, amount: string, occurredAt: string, currency = 'EUR') => ({
  type: 'CustomerPurchaseRecorded',
  data: { customerId, orderId, amount, currency, occurredAt, items: [] },
});
const defined = (rule: unknown, segmentId = SEGMENT) => ({
  type: 'SegmentDefined',
  data: { segmentId, name: 'Test', description: null, rule, definedAt: '2026-03-01T00:00:00.000Z' },
});
const interaction = (n: number, customerId: string, occurredAt: string) => ({
  stream: `interaction-${id(100 + n)}`,
  event: interactionLogged(id(100 + n), customerId, { occurredAt }),
});

describe('segments', () => {
  let harness: ProjectionHarness;
  let queries: SegmentQueries;
  beforeEach(async () => {
    harness = await projectionHarness();
    queries = new SegmentQueries(harness.dataSource);
  });
  afterEach(() => harness.close());

  const members = async (segmentId = SEGMENT) =>
    (await queries.members(segmentId, { history: false, limit: 100 })).items.map((member) => member.name).sort();
  const stays = (segmentId = SEGMENT) =>
    harness.rows<{ customer_id: string; open: boolean }>(
      `SELECT customer_id, left_at IS NULL AS open FROM crm.segment_memberships WHERE segment_id = $1 ORDER BY entered_at, customer_id`,
      [segmentId],
    );

  it('selects the customers a new segment describes, then moves them as their facts change', async () => {
    await harness.given(`customer-${ANNA}`, [
      registered(ANNA, 'Anna', { tags: ['vip'] }),
      purchase(ANNA, 'o1', '100', '2026-02-01T00:00:00Z'),
    ]);
    await harness.given(`customer-${BERT}`, [registered(BERT, 'Bert', { tags: ['vip'] })]);
    await harness.given(`customer-${CARL}`, [registered(CARL, 'Carl')]);
    await harness.given(`segment-${SEGMENT}`, [
      defined({
        all: [
          { fact: 'tags', op: 'hasAny', value: ['vip'] },
          { fact: 'orderCount', op: 'gte', value: 1 },
        ],
      }),
    ]);
    const runner = await harness.catchUp(customersProjection);
    expect(await members()).toEqual(['Anna']);

    // Bert buys: he enters. Anna is archived: she leaves; her stay stays in the history.
    await harness.given(`customer-${BERT}`, [purchase(BERT, 'o2', '50', '2026-03-02T00:00:00Z')]);
    await harness.given(`customer-${ANNA}`, [
      { type: 'CustomerArchived', data: { customerId: ANNA, reason: null, archivedAt: '2026-03-03T00:00:00Z' } },
    ]);
    await harness.waitForCatchUp(runner);
    expect(await members()).toEqual(['Bert']);
    expect(await stays()).toEqual([
      { customer_id: ANNA, open: false },
      { customer_id: BERT, open: true },
    ]);

    // A new rule decides anew for everyone; retiring lets everybody go.
    await harness.given(`segment-${SEGMENT}`, [
      {
        type: 'SegmentRedefined',
        data: {
          segmentId: SEGMENT,
          changes: { rule: { from: {}, to: { fact: 'orderCount', op: 'eq', value: 0 } } },
          redefinedAt: '2026-03-04T00:00:00Z',
        },
      },
    ]);
    await harness.waitForCatchUp(runner);
    expect(await members()).toEqual(['Carl']);
    await harness.given(`segment-${SEGMENT}`, [
      { type: 'SegmentRetired', data: { segmentId: SEGMENT, reason: null, retiredAt: '2026-03-05T00:00:00Z' } },
    ]);
    await harness.waitForCatchUp(runner);
    expect(await members()).toEqual([]);
    expect(await queries.get(SEGMENT)).toMatchObject({ status: 'retired', members: 0, revision: 2 });
    expect((await queries.members(SEGMENT, { history: true, limit: 100 })).items).toHaveLength(3);
  });

  it('ends with the same members whatever the batch size, as a replay does', async () => {
    await harness.given(`segment-${SEGMENT}`, [defined({ fact: 'totalOrderValue', op: 'gte', value: { amount: '100', currency: 'EUR' } })]);
    for (const [n, customerId] of [ANNA, BERT, CARL].entries()) {
      await harness.given(`customer-${customerId}`, [
        registered(customerId, `C${n}`),
        purchase(customerId, 'o1', '60', '2026-02-01T00:00:00Z'),
      ]);
    }
    await harness.given(`customer-${ANNA}`, [purchase(ANNA, 'o2', '40', '2026-02-02T00:00:00Z')]);
    await harness.given(`customer-${BERT}`, [purchase(BERT, 'o2', '50', '2026-02-02T00:00:00Z', 'USD')]);
    const first = await harness.catchUp(customersProjection, { batchSize: 1 });
    await first.stop();
    const oneByOne = await stays();
    await harness.rows(`TRUNCATE crm.segment_memberships, crm.segments, crm.customers, crm.customer_purchases, projection_checkpoints`);
    await harness.catchUp(customersProjection, { batchSize: 1000 });
    expect(await stays()).toEqual(oneByOne);
    expect(oneByOne).toEqual([{ customer_id: ANNA, open: true }]);
  });

  describe('rules, as a dry run evaluates them', () => {
    const NOW = new Date('2026-04-01T00:00:00Z');
    let runner: Awaited<ReturnType<ProjectionHarness['catchUp']>>;
    beforeEach(async () => {
      await harness.given(`customer-${ANNA}`, [
        registered(ANNA, 'Anna', { tags: ['vip', 'eu'], owner: 'sam', industry: 'Retail', lifecycleStage: 'customer' }),
        purchase(ANNA, 'o1', '100', '2026-03-30T00:00:00Z'),
        purchase(ANNA, 'o2', '300', '2026-03-31T00:00:00Z'),
      ]);
      await harness.given(`customer-${BERT}`, [
        registered(BERT, 'Bert', { tags: ['eu'], country: 'FR', kind: 'person' }),
        purchase(BERT, 'o1', '1000', '2026-01-01T00:00:00Z', 'USD'),
      ]);
      await harness.given(`customer-${CARL}`, [registered(CARL, 'Carl', { country: null })]);
      const { stream, event } = interaction(1, CARL, '2026-03-25T12:00:00Z');
      await harness.given(stream, [event]);
      runner = await harness.catchUp(customersProjection);
    });
    const matching = async (rule: unknown) => (await queries.dryRun(rule, 10, NOW)).sample.map((customer) => customer.name);

    it.each([
      [{ fact: 'tags', op: 'hasAll', value: ['vip', 'eu'] }, ['Anna']],
      [{ fact: 'tags', op: 'hasNone', value: ['vip'] }, ['Bert', 'Carl']],
      [{ fact: 'country', op: 'ne', value: 'DE' }, ['Bert', 'Carl']],
      [{ fact: 'country', op: 'notIn', value: ['FR'] }, ['Anna', 'Carl']],
      [{ fact: 'country', op: 'isNotSet' }, ['Carl']],
      [{ fact: 'owner', op: 'eq', value: 'sam' }, ['Anna']],
      [{ fact: 'kind', op: 'in', value: ['person'] }, ['Bert']],
      [{ fact: 'lifecycleStage', op: 'eq', value: 'customer' }, ['Anna']],
      [{ fact: 'orderCount', op: 'gt', value: 1 }, ['Anna']],
      [{ fact: 'averageOrderValue', op: 'eq', value: { amount: '200', currency: 'EUR' } }, ['Anna']],
      [{ fact: 'totalOrderValue', op: 'lt', value: { amount: '50', currency: 'EUR' } }, ['Bert', 'Carl']],
      [{ fact: 'totalOrderValue', op: 'gte', value: { amount: '1000', currency: 'usd' } }, ['Bert']],
      // Never bought: infinitely long ago.
      [{ fact: 'daysSinceLastPurchase', op: 'gte', value: 30 }, ['Bert', 'Carl']],
      [{ fact: 'daysSinceLastPurchase', op: 'lte', value: 1 }, ['Anna']],
      [{ fact: 'daysSinceLastInteraction', op: 'lt', value: 7 }, ['Carl']],
      // Without RFM scores, a condition on them is false and its negation true.
      [{ not: { fact: 'rfmRecency', op: 'gte', value: 1 } }, ['Anna', 'Bert', 'Carl']],
      [
        {
          any: [
            { fact: 'owner', op: 'isSet' },
            { fact: 'interactionCount', op: 'eq', value: 1 },
          ],
        },
        ['Anna', 'Carl'],
      ],
      [{ all: [{ fact: 'tags', op: 'hasAny', value: ['eu'] }, { not: { fact: 'country', op: 'eq', value: 'DE' } }] }, ['Bert']],
    ])('%j selects %j', async (rule, expected) => {
      expect(await matching(rule)).toEqual(expected);
    });

    it('selects by what was bought: category or SKU, within a window, net of wholly returned lines', async () => {
      const line = (sku: string, category: string, amount: string) => ({
        sku,
        name: sku,
        category,
        quantity: '1',
        unitPrice: amount,
        amount,
      });
      const bought = (customerId: string, orderId: string, occurredAt: string, items: object[]) => ({
        type: 'CustomerPurchaseRecorded',
        data: { customerId, orderId, amount: '30', currency: 'EUR', occurredAt, items },
      });
      await harness.given(`customer-${ANNA}`, [bought(ANNA, 'o3', '2026-03-20T00:00:00Z', [line('DRL', 'tools', '30')])]);
      await harness.given(`customer-${BERT}`, [bought(BERT, 'o2', '2025-11-01T00:00:00Z', [line('SAW', 'tools', '30')])]);
      await harness.given(`customer-${CARL}`, [
        bought(CARL, 'o1', '2026-03-21T00:00:00Z', [line('HOSE', 'garden', '20'), line('DRL', 'tools', '10')]),
        {
          type: 'CustomerPurchaseItemsReturned',
          data: {
            customerId: CARL,
            orderId: 'o1',
            returnId: 'cn1',
            items: [{ sku: 'DRL', quantity: '1', amount: '10' }],
            amount: '10',
            currency: 'EUR',
            returnedAt: '2026-03-22T00:00:00Z',
          },
        },
      ]);
      await harness.waitForCatchUp(runner);

      expect(await matching({ fact: 'purchasedCategory', op: 'hasAny', value: ['tools'] })).toEqual(['Anna', 'Bert']);
      expect(await matching({ fact: 'purchasedCategory', op: 'hasAny', value: ['tools'], withinDays: 90 })).toEqual(['Anna']);
      expect(await matching({ fact: 'purchasedCategory', op: 'hasAny', value: ['garden', 'toys'] })).toEqual(['Carl']);
      expect(await matching({ fact: 'purchasedSku', op: 'hasNone', value: ['DRL'] })).toEqual(['Bert', 'Carl']);
    });

    it('refuses an invalid rule without touching anything', async () => {
      await expect(queries.dryRun({ fact: 'shoeSize', op: 'eq', value: 1 }, 10, NOW)).rejects.toThrow(/rule.fact/);
    });

    it('scores RFM by quintile, and an RFM segment follows the scores', async () => {
      await harness.given(`segment-${SEGMENT}`, [defined({ fact: 'rfmMonetary', op: 'eq', value: 5 })]);
      await harness.waitForCatchUp(runner);
      expect(await members()).toEqual([]);
      const refresh = await new SegmentRefresher(harness.dataSource).refresh({ rfm: true }, NOW);
      expect(refresh).toMatchObject({ rfmScored: 2, segments: 1, entered: 2, left: 0 });
      expect(
        await harness.rows(`SELECT customer_id, recency, frequency, monetary, currency FROM crm.customer_rfm ORDER BY customer_id`),
      ).toEqual([
        { customer_id: ANNA, recency: 5, frequency: 5, monetary: 5, currency: 'EUR' },
        // Bert bought longer ago and less often; his money ranks among USD buyers only, where he is the top.
        { customer_id: BERT, recency: 3, frequency: 3, monetary: 5, currency: 'USD' },
      ]);
      expect(await members()).toEqual(['Anna', 'Bert']);
    });
  });

  it('moves members of a relative-time segment as time passes, without an event', async () => {
    const day = 86_400_000;
    const now = Date.now();
    await harness.given(`customer-${ANNA}`, [registered(ANNA, 'Anna')]);
    const first = interaction(1, ANNA, new Date(now - 29.5 * day).toISOString());
    await harness.given(first.stream, [first.event]);
    await harness.given(`segment-${SEGMENT}`, [defined({ fact: 'daysSinceLastInteraction', op: 'gte', value: 30 })]);
    const runner = await harness.catchUp(customersProjection);
    const refresher = new SegmentRefresher(harness.dataSource);

    expect(await refresher.refresh({ rfm: false }, new Date(now))).toMatchObject({ entered: 0, left: 0 });
    expect(await members()).toEqual([]);
    const later = new Date(now + day);
    expect(await refresher.refresh({ rfm: false }, later)).toMatchObject({ entered: 1, left: 0 });
    expect(await members()).toEqual(['Anna']);
    const [stay] = (await queries.members(SEGMENT, { history: false, limit: 1 })).items;
    expect(stay.enteredAt).toBe(later.toISOString());

    // A new interaction is an event: she leaves with it.
    const second = interaction(2, ANNA, new Date().toISOString());
    await harness.given(second.stream, [second.event]);
    await harness.waitForCatchUp(runner);
    expect(await members()).toEqual([]);
  });
});
