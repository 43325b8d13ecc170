import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@ledgerline/event-store';
import { Pool } from 'pg';
import { createTestDatabase } from '../support/test-database';
import { untilCheckpoint, WorkerProcesses, type CheckpointProgress } from '../support/worker-process';

const CUSTOMERS = 60;
const PURCHASES_PER_CUSTOMER = 50;

const event = (type: string, data: Record<string, unknown>) => ({ id: randomUUID(), type, schemaVersion: 1, data, metadata: {} });

/**
 * The real worker process, killed with SIGKILL again and again while it catches up: between batches
 * and inside them. Whatever the moment, once it has caught up every purchase counts exactly once.
 */
describe('projections survive a worker killed at any moment', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    const store = await PostgresEventStore.open(pool);
    for (let c = 0; c < CUSTOMERS; c++) {
      const customerId = randomUUID();
      const stream = `customer-${customerId}`;
      await store.append(
        stream,
        [
          event('CustomerRegistered', {
            customerId,
            kind: 'company',
            name: `C${c}`,
            email: null,
            phone: null,
            country: null,
            industry: null,
            owner: null,
            tags: [],
            customFields: {},
            lifecycleStage: 'lead',
            registeredAt: new Date().toISOString(),
          }),
        ],
        'no-stream',
      );
      const purchases = Array.from({ length: PURCHASES_PER_CUSTOMER }, (_, p) =>
        event('CustomerPurchaseRecorded', {
          customerId,
          orderId: `O-${p}`,
          amount: '1.5',
          currency: 'EUR',
          occurredAt: new Date(Date.UTC(2026, 0, 1 + p)).toISOString(),
        }),
      );
      // One append per purchase, so that they spread over many transactions and batches.
      for (const purchase of purchases) await store.append(stream, [purchase], 'any');
    }
    await store.close();
  }, 120_000);
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const workers = new WorkerProcesses();
  afterEach(() => workers.stopAll());
  const startWorker = () => workers.start({ DATABASE_URL: database.url, LOG_LEVEL: 'error' });
  const until = (done: (progress: CheckpointProgress) => boolean, timeoutMs: number) =>
    untilCheckpoint(pool, 'customers', done, timeoutMs, workers);

  it('counts every purchase exactly once after SIGKILLs in the middle of catching up', async () => {
    WorkerProcesses.requireBuilt();
    let kills = 0;
    let last: string | null = null;
    // Kill the worker as soon as it has moved on but is not done: mid catch-up, between or inside batches.
    for (let attempt = 0; attempt < 3; attempt++) {
      const worker = startWorker();
      const seen = await until(({ position, lag }) => lag === 0 || (position !== null && position !== last), 30_000);
      await workers.stop(worker, 'SIGKILL');
      if (seen.lag === 0) break;
      kills++;
      last = seen.position;
    }
    const finisher = startWorker();
    await until(({ lag }) => lag === 0, 30_000);
    await workers.stop(finisher, 'SIGTERM');

    expect(kills).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query<{ customers: string; wrong: string }>(
      `SELECT count(*) AS customers,
              count(*) FILTER (WHERE order_count <> $1 OR purchase_totals->'EUR'->>'total' <> $2) AS wrong
       FROM crm.customers`,
      [PURCHASES_PER_CUSTOMER, String(PURCHASES_PER_CUSTOMER * 1.5)],
    );
    expect(rows[0]).toEqual({ customers: String(CUSTOMERS), wrong: '0' });
    const purchases = await pool.query<{ n: string }>('SELECT count(*) AS n FROM crm.customer_purchases');
    expect(Number(purchases.rows[0].n)).toBe(CUSTOMERS * PURCHASES_PER_CUSTOMER);
  }, 150_000);
});
