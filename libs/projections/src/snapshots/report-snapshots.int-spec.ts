import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { PROJECTIONS } from '../projections';
import { customerRegistered, interactionLogged } from '../testing/given-events';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { ANALYST_ROLE } from '../migrations/1732352400006-analytics-schema';
import { SnapshotExists } from './snapshot-builder';
import { InvalidSnapshotName } from './snapshot-name';
import { ReportSnapshots, SnapshotInstantInFuture, SnapshotNotFound } from './report-snapshots';

const EARLY = '0b6c2d1e-1111-4a1a-8a1a-000000000001';
const LATE = '0b6c2d1e-1111-4a1a-8a1a-000000000002';
const DEAL = '0b6c2d1e-2222-4a1a-8a1a-000000000001';

const dealOpened = (stageId: string) => ({
  type: 'DealOpened',
  data: {
    dealId: DEAL,
    customerId: EARLY,
    title: 'Seats',
    amount: '12000',
    currency: 'EUR',
    pipelineId: DEFAULT_PIPELINE.pipelineId,
    stageId,
    probability: 10,
    expectedCloseDate: null,
    owner: 'ana',
    openedAt: '2026-09-01T08:00:00.000Z',
  },
});

describe('report snapshots', () => {
  let harness: ProjectionHarness;
  let snapshots: ReportSnapshots;
  let quarterClose: Date;

  beforeAll(async () => {
    harness = await projectionHarness();
    snapshots = new ReportSnapshots(harness.store, harness.dataSource);
    await harness.given(`pipeline-${DEFAULT_PIPELINE.pipelineId}`, [{ type: 'PipelineDefined', data: DEFAULT_PIPELINE }]);
    await harness.given(`customer-${EARLY}`, [customerRegistered(EARLY, { name: 'Early GmbH' })]);
    await harness.given(`deal-${DEAL}`, [dealOpened('lead-in')]);
    await harness.given(`interaction-0b6c2d1e-3333-4a1a-8a1a-000000000001`, [
      interactionLogged('0b6c2d1e-3333-4a1a-8a1a-000000000001', EARLY),
    ]);
    await sleep(20);
    quarterClose = new Date();
    await sleep(20);
    await harness.given(`customer-${LATE}`, [customerRegistered(LATE, { name: 'Late AG' })]);
    await harness.given(`deal-${DEAL}`, [
      { type: 'DealWon', data: { dealId: DEAL, amount: '12000', currency: 'EUR', stageId: 'lead-in', wonAt: '2026-10-02T00:00:00.000Z' } },
    ]);
    for (const projection of PROJECTIONS) await (await harness.catchUp(projection)).stop();
  });
  afterAll(() => harness.close());

  it('rebuilds the read models as they stood at the instant, under the analytics views, with the job and its counts', async () => {
    let reports = 0;
    const ready = await snapshots.create('q3-close', quarterClose, { type: 'user', id: 'ana' }, () => reports++);
    expect(ready).toMatchObject({
      name: 'q3-close',
      schema: 'snapshot_q3_close',
      status: 'ready',
      eventsRead: 6,
      eventsApplied: 4,
      eventsTotal: 6,
    });
    expect(reports).toBeGreaterThan(0);
    expect(await harness.rows(`SELECT customer_id FROM snapshot_q3_close.customers`)).toEqual([{ customer_id: EARLY }]);
    expect(await harness.rows(`SELECT count(*)::int AS count FROM analytics.customers`)).toEqual([{ count: 2 }]);
    expect(await harness.rows(`SELECT deal_id, status FROM snapshot_q3_close.deals`)).toEqual([{ deal_id: DEAL, status: 'open' }]);
    expect(await harness.rows(`SELECT status FROM analytics.deals`)).toEqual([{ status: 'won' }]);
    const views = (schema: string) =>
      harness.rows<{ name: string }>(`SELECT table_name AS name FROM information_schema.views WHERE table_schema = $1 ORDER BY 1`, [
        schema,
      ]);
    expect(await views('snapshot_q3_close')).toEqual(await views('analytics'));
    expect(await harness.rows(`SELECT DISTINCT state, position FROM snapshot_q3_close.freshness`)).toEqual([
      { state: 'snapshot', position: ready.through },
    ]);
  });

  it('lets the analyst role read the views, not the tables behind them', async () => {
    const asAnalyst = (sql: string) =>
      harness.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL ROLE ${ANALYST_ROLE}`);
        return manager.query(sql);
      });
    await expect(asAnalyst(`SELECT count(*) FROM snapshot_q3_close.deals`)).resolves.toBeDefined();
    await expect(asAnalyst(`SELECT count(*) FROM snapshot_q3_close_data.customers`)).rejects.toThrow(/permission denied/);
  });

  it('refuses a name that exists (also spelt with _ for -), a malformed one and an instant in the future', async () => {
    await expect(snapshots.create('q3-close', quarterClose, null, () => undefined)).rejects.toThrow(SnapshotExists);
    await expect(snapshots.create('q3_close', quarterClose, null, () => undefined)).rejects.toThrow(SnapshotExists);
    await expect(snapshots.create('Q3 close', quarterClose, null, () => undefined)).rejects.toThrow(InvalidSnapshotName);
    await expect(snapshots.create('next', new Date(Date.now() + 60_000), null, () => undefined)).rejects.toThrow(SnapshotInstantInFuture);
    expect((await snapshots.list()).map((snapshot) => snapshot.name)).toEqual(['q3-close']);
  });

  it('builds in the background with progress in its record, and drops it with its schemas', async () => {
    const started = await snapshots.start('later', new Date(), null);
    expect(started).toMatchObject({ status: 'building', eventsRead: 0 });
    for (const deadline = Date.now() + 10_000; (await snapshots.get('later')).status === 'building' && Date.now() < deadline;)
      await sleep(20);
    expect(await snapshots.get('later')).toMatchObject({ status: 'ready', eventsApplied: 6 });
    expect(await harness.rows(`SELECT count(*)::int AS count FROM snapshot_later.customers`)).toEqual([{ count: 2 }]);
    await snapshots.drop('later');
    await expect(snapshots.get('later')).rejects.toThrow(SnapshotNotFound);
    expect(await harness.rows(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'snapshot_later%'`)).toEqual([]);
    await expect(snapshots.drop('later')).rejects.toThrow(SnapshotNotFound);
  });
});
