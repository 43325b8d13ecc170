import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type PoolClient } from 'pg';
import type { LedgerlineConfig } from '../config/config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../embedded-postgres/embedded-postgres';

/**
 * The PostgreSQL that holds the read side (and, by default, the event store): the one named by
 * DATABASE_URL, or an embedded one under DATA_DIR when nothing is configured.
 */
export class Database {
  /** Connections not closed yet, counted apart from the pool: its end() resolves before they have closed. */
  private readonly connections = new Set<PoolClient>();

  private constructor(
    readonly url: string,
    readonly pool: Pool,
    private readonly embedded: EmbeddedPostgresHandle | undefined,
  ) {}

  static async open(config: LedgerlineConfig, log: (message: string) => void): Promise<Database> {
    const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
    const url = config.databaseUrl ?? (embedded as EmbeddedPostgresHandle).url;
    const pool = new Pool({
      connectionString: url,
      max: config.databasePoolSize,
      // A request waits this long at most for a connection, instead of hanging when the pool is exhausted.
      connectionTimeoutMillis: 10_000,
      application_name: 'ledgerline',
    });
    // An idle client's connection error must not crash the process; the next checkout reconnects.
    pool.on('error', (error) => log(`PostgreSQL pool: idle client error: ${error.message}`));
    const database = new Database(url, pool, embedded);
    pool.on('connect', (client) => {
      database.connections.add(client);
      client.once('end', () => database.connections.delete(client));
    });
    return database;
  }

  async close(): Promise<void> {
    await this.pool.end();
    // Stopping an embedded PostgreSQL under connections that are still closing would abort them (and log errors).
    for (const deadline = Date.now() + 2_000; this.connections.size > 0 && Date.now() < deadline;) await sleep(10);
    await this.embedded?.stop();
  }
}
