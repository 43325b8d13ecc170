import type { INestApplication } from '@nestjs/common';
import { loadConfig, PG_POOL } from '@ledgerline/platform';
import type { Pool } from 'pg';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app';
import { createTestDatabase } from './test-database';

export type ApiHarness = Readonly<{
  http: () => ReturnType<typeof request>;
  /** Every event committed to the store, to prove what was (not) written. */
  allEvents: () => Promise<{ type: string }[]>;
  /** Runs SQL on the application's database, to set up situations no request can (a crash, say). */
  sql: (text: string, parameters?: unknown[]) => Promise<unknown>;
  /** Runs the request and proves it appended nothing to the store. */
  writesNothing: <R>(send: () => PromiseLike<R>) => Promise<R>;
  /** Stops the app and starts a new one on the same database, as a process restart would. */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}>;

/** The real API on a fresh database of the test PostgreSQL, built exactly as production builds it. */
export async function startApi(env: NodeJS.ProcessEnv = {}): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10', ...env });
  let app: INestApplication;
  const boot = async () => {
    app = await createApp(config, { logger: false });
    await app.init();
  };
  await boot();
  // Every committed event, read from the table: $all itself only shows events once every older writing
  // transaction (say, a projection's batch) has ended, which would make "nothing was written" racy.
  const allEvents = async () =>
    (await app.get<Pool>(PG_POOL).query<{ type: string }>('SELECT type FROM events ORDER BY global_position')).rows;
  return {
    http: () => request(app.getHttpServer()),
    allEvents,
    sql: (text, parameters) => app.get<Pool>(PG_POOL).query(text, parameters),
    writesNothing: async (send) => {
      const before = (await allEvents()).length;
      const response = await send();
      expect((await allEvents()).slice(before).map((event) => event.type)).toEqual([]);
      return response;
    },
    restart: async () => {
      await app.close();
      await boot();
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
