import type { INestApplicationContext } from '@nestjs/common';
import { cliContext } from '../testing/cli-context';
import { PROJECTIONS, READ_MODEL_DATABASE, RebuildService } from '@ledgerline/projections';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@ledgerline/testing';
import { seedDemoData } from './seed.command';

const END = new Date('2026-11-23T12:00:00.000Z');
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

describe('cli seed', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  let first: Awaited<ReturnType<typeof seedDemoData>>;
  const rows = <T>(sql: string) => app.get<DataSource>(READ_MODEL_DATABASE).query(sql) as Promise<T[]>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await cliContext(database.url);
    first = await seedDemoData(app, { customers: 50, seed: 7, concurrency: 8, end: END }, silent);
    for (const { name } of PROJECTIONS) await app.get(RebuildService).rebuild(name, () => undefined);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('writes every planned command through the command side', () => {
    expect(first.commands).toBeGreaterThan(50 * 15);
    expect(first.appended).toBe(first.commands);
  });

  it('gives the read models two years of customers with purchases, and deals won and lost', async () => {
    const [customers] = await rows<{ count: string; buyers: string; stages: string; oldest: Date }>(
      `SELECT count(*) AS count, count(*) FILTER (WHERE order_count > 0) AS buyers,
              count(DISTINCT lifecycle_stage) AS stages, min(registered_at) AS oldest FROM crm.customers`,
    );
    expect(Number(customers.count)).toBe(50);
    expect(Number(customers.buyers)).toBeGreaterThan(5);
    expect(Number(customers.stages)).toBeGreaterThanOrEqual(3);
    expect(customers.oldest.getTime()).toBeLessThan(END.getTime() - 365 * 86_400_000);
    const deals = await rows<{ status: string; count: string }>(`SELECT status, count(*) AS count FROM crm.deals GROUP BY status`);
    expect(Object.fromEntries(deals.map(({ status, count }) => [status, Number(count) > 0]))).toEqual({
      open: true,
      won: true,
      lost: true,
    });
    const [lost] = await rows<{ count: string }>(
      `SELECT count(*) AS count FROM crm.deals WHERE status = 'lost' AND lost_reason IS NOT NULL`,
    );
    expect(Number(lost.count)).toBeGreaterThan(0);
  });

  it('logs interactions on every channel', async () => {
    const channels = await rows<{ channel: string }>(`SELECT DISTINCT channel FROM crm.customer_interactions ORDER BY channel`);
    expect(channels.map(({ channel }) => channel)).toEqual(['chat', 'email', 'meeting', 'note', 'phone', 'post', 'sms', 'web']);
  });

  it('records who wrote it: the seed, through the CLI, at simulated times', async () => {
    const [event] = await rows<{ actor: string; source: string; occurred: string }>(
      `SELECT metadata->'actor'->>'id' AS actor, metadata->>'source' AS source, min(metadata->>'occurredAt') AS occurred
         FROM events GROUP BY 1, 2 HAVING metadata->>'source' = 'cli:seed'`,
    );
    expect(event).toMatchObject({ actor: 'seed', source: 'cli:seed' });
    expect(new Date(event.occurred).getTime()).toBeLessThan(END.getTime() - 365 * 86_400_000);
  });

  it('changes nothing when run again with the same seed', async () => {
    const again = await seedDemoData(app, { customers: 50, seed: 7, concurrency: 8, end: END }, silent);
    expect(again).toEqual({ commands: first.commands, appended: 0 });
  }, 120_000);
});
