import { isExpectedVersionConflictError } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { Pool } from 'pg';
import { benchPool, NO_STREAM, withPool, type System } from './system';

/**
 * Emmett's PostgreSQL event store on a pool the bench owns. Emmett numbers stream versions from 1
 * (version = event count), so bench revision r is Emmett version r + 1 and "no stream" is 0n: Emmett
 * enforces that one (STREAM_DOES_NOT_EXIST would skip the check). Its schema is migrated once, in
 * prepare. Note: Emmett (dumbo) installs process-wide pg type parsers (int8 → BigInt, jsonb) when a
 * store is created; main prepares every system before measuring, so all cells run under them.
 */
const storeOn = (url: string, pool: Pool) =>
  getPostgreSQLEventStore(url, { connectionOptions: { pool }, schema: { autoMigration: 'None' } });

export const emmett: System = {
  name: 'emmett',
  prepare: (url) => withPool(url, async (pool) => void (await storeOn(url, pool).schema.migrate())),
  open: async (url, poolSize) => {
    const pool = benchPool(url, poolSize);
    const store = storeOn(url, pool);
    return {
      append: async (streamId, { id, type, data, metadata }, expected) => {
        try {
          await store.appendToStream(streamId, [{ type, data, metadata: { ...metadata, messageId: id } }], {
            expectedStreamVersion: BigInt(expected + 1),
          });
          return 'appended';
        } catch (error) {
          if (isExpectedVersionConflictError(error)) return 'conflict';
          throw error;
        }
      },
      // Emmett has no "last event" read: read from the last known event on (a few rows on a hot stream).
      readRevision: async (streamId, known) => {
        const { currentStreamVersion } = await store.readStream(streamId, known === NO_STREAM ? undefined : { from: BigInt(known + 1) });
        return Number(currentStreamVersion) - 1;
      },
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
  },
};
