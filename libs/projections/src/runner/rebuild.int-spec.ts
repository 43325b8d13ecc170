import { randomUUID } from 'node:crypto';
import { customersProjection } from '../customers/customers.projection';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { Checkpoints } from './checkpoints';
import type { Projection } from './projection';
import { customerRegistered } from '../testing/given-events';

const registered = (customerId: string, n: number) =>
  customerRegistered(customerId, {
    name: `Customer ${n}`,
    country: n % 2 ? 'DE' : 'FR',
    tags: [`t${n % 3}`],
    registeredAt: '2026-01-01T00:00:00.000Z',
  });

describe('rebuilding a projection', () => {
  let harness: ProjectionHarness;
  beforeEach(async () => {
    harness = await projectionHarness();
    for (let n = 0; n < 40; n++) {
      const customerId = randomUUID();
      const dealId = randomUUID();
      await harness.given(`customer-${customerId}`, [
        registered(customerId, n),
        {
          type: 'CustomerPurchaseRecorded',
          data: { customerId, orderId: `O-${n}`, amount: `${n}.25`, currency: 'EUR', occurredAt: '2026-02-01T00:00:00.000Z', items: [] },
        },
      ]);
      await harness.given(`deal-${dealId}`, [
        {
          type: 'DealOpened',
          data: {
            dealId,
            customerId,
            title: 'T',
            amount: '10',
            currency: 'EUR',
            pipelineId: randomUUID(),
            stageId: 'a',
            probability: 10,
            expectedCloseDate: null,
            owner: null,
            openedAt: '2026-02-01T00:00:00.000Z',
          },
        },
        ...(n % 4 === 0
          ? [{ type: 'DealWon', data: { dealId, amount: '10', currency: 'EUR', stageId: 'a', wonAt: '2026-03-01T00:00:00.000Z' } }]
          : []),
      ]);
    }
  });
  afterEach(() => harness.close());

  /** One checksum per table: equal checksums, equal rows. */
  const checksums = async () =>
    Object.fromEntries(
      await Promise.all(
        customersProjection.tables.map(async (table) => {
          const [{ sum }] = await harness.rows<{ sum: string }>(
            `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${table} AS t`,
          );
          return [table, sum];
        }),
      ),
    );

  const waitUntil = async (check: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 10_000; !(await check()); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error('timed out');
    }
  };

  it('produces exactly the rows of the live run when asked for while live, and goes on live', async () => {
    const runner = await harness.catchUp(customersProjection);
    const live = await checksums();
    const checkpoints = new Checkpoints(harness.dataSource.manager);

    await checkpoints.requestRebuild('customers');
    await waitUntil(async () => !(await checkpoints.rebuildRequested('customers')) && runner.status().state === 'live');

    expect(await checksums()).toEqual(live);
    // 40 × (registration, purchase, deal opened) + 10 deals won: every event of $all, counted and replayed.
    expect(await checkpoints.rebuildProgress('customers')).toMatchObject({ done: 130, total: 130 });
    const [{ count }] = await harness.rows<{ count: string }>(`SELECT count(*) FROM pg_tables WHERE tablename LIKE '%__rebuild'`);
    expect(count).toBe('0');

    await harness.given(`customer-${randomUUID()}`, [registered(randomUUID(), 99)]);
    await harness.waitForCatchUp(runner);
  });

  it('replays a projection without tables (as the Kafka relay is) only when asked to, not for a new version', async () => {
    const seen: string[] = [];
    const replaying: Projection = {
      name: 'replaying',
      version: 1,
      eventTypes: ['DealWon'],
      tables: [],
      handle: async (events: readonly { id: string }[]) => void seen.push(...events.map((event) => event.id)),
    };
    await (await harness.catchUp(replaying)).stop();
    const once = [...seen];
    expect(once).toHaveLength(10);

    const bumped = await harness.catchUp({ ...replaying, version: 2 });
    expect(seen).toEqual(once); // a new version alone would republish the whole log: it does not

    const checkpoints = new Checkpoints(harness.dataSource.manager);
    await checkpoints.requestRebuild('replaying');
    await waitUntil(async () => !(await checkpoints.rebuildRequested('replaying')) && bumped.status().state === 'live');
    expect(seen).toEqual([...once, ...once]); // asked for, the replay delivers everything again, in order
  });

  it('rebuilds on start a projection whose version changed in code', async () => {
    const first = await harness.catchUp(customersProjection);
    const live = await checksums();
    await first.stop();

    await harness.catchUp({ ...customersProjection, version: 2 });

    expect(await checksums()).toEqual(live);
    expect(await new Checkpoints(harness.dataSource.manager).load('customers')).toMatchObject({ version: 2, state: 'live' });
  });
});
