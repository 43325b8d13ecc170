import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** A fresh database on the test run's PostgreSQL, so suites never see each other's data. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.LEDGERLINE_TEST_PG_URL;
  if (!serverUrl) throw new Error('LEDGERLINE_TEST_PG_URL is unset: run the tests through Jest (global setup starts PostgreSQL)');
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        // pg-pool's end() resolves before its connections have closed; a forced drop then kills them mid-close and
        // their pool reports it as an error. Give the test's own connections a moment to go, then force the rest.
        for (const deadline = Date.now() + 3_000; Date.now() < deadline; await sleep(20)) {
          const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1`, [name])).rows;
          if (count === 0) break;
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
