import type { Pool, PoolClient } from 'pg';
import { eventTable, type EventTable } from './event-table';
import { backfillHashes } from './hash-backfill';
import { inTransaction } from './transaction';

/**
 * Creates the schema (unless it exists), the `events` table and its indexes; safe to run at every start.
 * Columns: see docs/adr/0002-postgres-event-ordering.md for why transaction_id is there, hash-chain.ts for hash.
 */
export async function setupEventStoreSchema(pool: Pool, schema = 'public'): Promise<void> {
  const table = eventTable(schema);
  await inTransaction(pool, async (client) => {
    // IF NOT EXISTS does not stop two concurrent setups from colliding in the catalog: take turns.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ledgerline event store schema ${schema}`]);
    const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    // Only when missing: CREATE SCHEMA needs a privilege on the database that the app role may lack.
    if (rowCount === 0) await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${table.name} (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_revision UNIQUE (stream_id, stream_revision)
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS events_all_order ON ${table.name} (transaction_id, global_position)`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table.upgrades} (step text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now(), rehashed jsonb NOT NULL DEFAULT '[]')`,
    );
    await addHashColumn(client, table);
  });
}

/** A table made before events were hash-chained gets the column, its events' hashes, then the constraint. */
async function addHashColumn(client: PoolClient, table: EventTable): Promise<void> {
  const { rows } = await client.query<{ is_nullable: 'YES' | 'NO' }>(
    `SELECT is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'hash'`,
    [table.schema],
  );
  if (rows[0]?.is_nullable === 'NO') return;
  if (rows.length === 0) await client.query(`ALTER TABLE ${table.name} ADD COLUMN hash text`);
  await backfillHashes(client, table);
  await client.query(`ALTER TABLE ${table.name} ALTER COLUMN hash SET NOT NULL`);
}
