import { PostgresEventStore, WrongExpectedRevision } from '@ledgerline/event-store';
import { benchPool, NO_STREAM, withPool, type System } from './system';

/** Ledgerline's PostgreSQL event store, through its public API, on a pool the bench owns. */
export const ledgerline: System = {
  name: 'ledgerline',
  prepare: (url) => withPool(url, async (pool) => (await PostgresEventStore.open(pool)).close()),
  open: async (url, poolSize) => {
    const pool = benchPool(url, poolSize);
    const store = await PostgresEventStore.open(pool);
    return {
      append: async (streamId, event, expected) => {
        try {
          await store.append(streamId, [event], expected === NO_STREAM ? 'no-stream' : expected);
          return 'appended';
        } catch (error) {
          if (error instanceof WrongExpectedRevision) return 'conflict';
          throw error;
        }
      },
      readRevision: async (streamId) => {
        const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
        return last ? last.revision : NO_STREAM;
      },
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
  },
};
