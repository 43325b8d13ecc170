import { inTransaction } from '../runner/in-transaction';
import { liveTarget } from '../runner/projection';
import { projectedEvents } from '../runner/projected-event';
import { rebuildProjection } from '../runner/rebuild';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { analyticsProjection } from './analytics.projection';
import { givenStory, PIPELINE } from './analytics.fixtures';

/** Every fact row, with the measures that are not zero. */
async function facts(harness: ProjectionHarness): Promise<Record<string, unknown[]>> {
  const read = async (table: string, keys: string) => {
    const rows = await harness.rows<Record<string, unknown>>(`SELECT * FROM crm.${table} ORDER BY ${keys}`);
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .map(([column, value]) => [column, typeof value === 'string' && /^-?\d+\.\d+$/.test(value) ? value.replace(/\.?0+$/, '') : value])
          .filter(([, value]) => value !== 0 && value !== '0'),
      ),
    );
  };
  return {
    customers: await read('daily_customer_facts', 'day, owner, lifecycle_stage'),
    purchases: await read('daily_purchase_facts', 'day, owner, currency'),
    categories: await read('daily_category_facts', 'day, owner, category, currency'),
    interactions: await read('daily_interaction_facts', 'day, owner, channel, direction'),
    deals: await read('daily_deal_facts', 'day, owner, pipeline_id, currency'),
  };
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const EXPECTED = {
  customers: [
    { day: day('2026-01-10'), owner: 'ana', lifecycle_stage: 'lead', new_customers: 1, entered: 1 },
    { day: day('2026-01-15'), owner: 'ana', lifecycle_stage: 'customer', entered: 1 },
    { day: day('2026-01-15'), owner: 'ana', lifecycle_stage: 'lead', exited: 1 },
    { day: day('2026-01-20'), owner: '', lifecycle_stage: 'customer', new_customers: 1, entered: 1 },
    { day: day('2026-02-01'), owner: 'ana', lifecycle_stage: 'customer', transferred_out: 1 },
    { day: day('2026-02-01'), owner: 'bob', lifecycle_stage: 'customer', transferred_in: 1 },
    { day: day('2026-03-01'), owner: 'bob', lifecycle_stage: 'churned', entered: 1 },
    { day: day('2026-03-01'), owner: 'bob', lifecycle_stage: 'customer', exited: 1 },
  ],
  purchases: [
    { day: day('2026-01-16'), owner: '', currency: 'EUR', orders: 1, revenue: '3', customers: 1 },
    { day: day('2026-01-16'), owner: 'ana', currency: 'EUR', orders: 1, revenue: '10.1', customers: 1 },
    { day: day('2026-02-05'), owner: 'bob', currency: 'EUR', orders: 1, revenue: '20', customers: 1 },
    { day: day('2026-02-10'), owner: '', currency: 'EUR', orders: 1, revenue: '35', customers: 1 },
  ],
  categories: [
    { day: day('2026-02-10'), owner: '', category: '', currency: 'EUR', quantity: '1', revenue: '10' },
    { day: day('2026-02-10'), owner: '', category: 'tools', currency: 'EUR', quantity: '1', revenue: '25' },
  ],
  interactions: [
    { day: day('2026-02-12'), owner: 'ana', channel: 'email', direction: 'inbound', interactions: 1 },
    { day: day('2026-02-21'), owner: '', channel: 'note', direction: 'outbound', interactions: 1 },
  ],
  deals: [
    { day: day('2026-03-01'), owner: 'ana', pipeline_id: PIPELINE, currency: 'EUR', opened: 1, opened_amount: '150' },
    { day: day('2026-03-02'), owner: 'bob', pipeline_id: PIPELINE, currency: 'EUR', opened: 1, opened_amount: '80' },
    { day: day('2026-03-03'), owner: 'cy', pipeline_id: PIPELINE, currency: 'EUR', opened: 1, opened_amount: '210' },
    { day: day('2026-03-04'), owner: 'bob', pipeline_id: PIPELINE, currency: 'EUR', lost: 1, lost_amount: '80' },
    // 9.5 days from opening to the last win.
    {
      day: day('2026-03-10'),
      owner: 'ana',
      pipeline_id: PIPELINE,
      currency: 'EUR',
      won: 1,
      won_amount: '150',
      won_cycle_seconds: '820800',
    },
  ],
};

describe('analytics read model', () => {
  let harness: ProjectionHarness;
  beforeEach(async () => {
    harness = await projectionHarness();
    await givenStory(harness);
  });
  afterEach(() => harness.close());

  it.each([1, 3, 500])('keeps exact daily facts through corrections, in batches of %i', async (batchSize) => {
    await harness.catchUp(analyticsProjection, { batchSize });
    expect(await facts(harness)).toEqual(EXPECTED);
  });

  it('counts a batch once when it is delivered again after a crash before its commit', async () => {
    const all = await harness.store.readAll({ limit: 1000 });
    const relevant = projectedEvents(analyticsProjection, all);
    // The first delivery dies after the handler wrote everything but before the checkpoint committed.
    await expect(
      inTransaction(harness.dataSource, async (sql) => {
        await analyticsProjection.handle(relevant, liveTarget(sql));
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    await harness.catchUp(analyticsProjection, { batchSize: 4 });
    expect(await facts(harness)).toEqual(EXPECTED);
  });

  it('rebuilds into exactly the rows the live run kept', async () => {
    const runner = await harness.catchUp(analyticsProjection, { batchSize: 2 });
    await runner.stop();
    const checksums = async () =>
      Promise.all(
        analyticsProjection.tables.map(
          async (table) =>
            (
              await harness.rows<{ sum: string }>(
                `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${table} t`,
              )
            )[0].sum,
        ),
      );
    const live = await checksums();
    await rebuildProjection(analyticsProjection, harness.store, harness.dataSource, () => undefined);
    expect(await checksums()).toEqual(live);
    expect(await facts(harness)).toEqual(EXPECTED);
  });
});
