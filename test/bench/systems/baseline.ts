import { GENESIS_HASH, setupEventStoreSchema } from '@ledgerline/event-store';
import { DatabaseError } from 'pg';
import { benchPool, NO_STREAM, withPool, type System } from './system';

// A hash of the same size as the store's, not computed: the floor is the database's work.
const INSERT = `INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, '${GENESIS_HASH}')`;

/**
 * The floor: one autocommitted single-row INSERT per append into a table made by Ledgerline's own
 * schema setup (same columns, indexes and unique constraints). No check but the unique constraint.
 */
export const baseline: System = {
  name: 'baseline',
  prepare: (url) => withPool(url, (pool) => setupEventStoreSchema(pool)),
  open: async (url, poolSize) => {
    const pool = benchPool(url, poolSize);
    return {
      // On a checked-out client: pool.query() would destroy the connection on every unique violation.
      append: async (streamId, event, expected) => {
        const { id, type, schemaVersion, data, metadata } = event;
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query(INSERT, [streamId, expected + 1, id, type, schemaVersion, data, metadata]);
          return 'appended';
        } catch (error) {
          if (error instanceof DatabaseError && error.code === '23505') return 'conflict';
          broken = error as Error;
          throw error;
        } finally {
          client.release(broken);
        }
      },
      readRevision: async (streamId) => {
        const { rows } = await pool.query<{ revision: unknown }>(
          'SELECT max(stream_revision) AS revision FROM events WHERE stream_id = $1',
          [streamId],
        );
        return rows[0].revision === null ? NO_STREAM : Number(rows[0].revision);
      },
      close: () => pool.end(),
    };
  },
};
