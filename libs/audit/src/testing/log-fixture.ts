import { randomUUID } from 'node:crypto';
import { eventTextOf, InMemoryEventStore, type EventStore, type RecordedEvent } from '@ledgerline/event-store';

const event = (type: string, data: Record<string, unknown>) => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: { type: 'system', id: 'test' }, correlationId: randomUUID() },
});

/** A small log as the store chained it: two customers and a deal, a few events each. */
export async function chainedLog(): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await store.append(
    'customer-a',
    [event('CustomerRegistered', { name: 'Ada' }), event('CustomerRenamed', { name: 'Ada L.' })],
    'no-stream',
  );
  await store.append('deal-x', [event('DealOpened', { amount: '100.00' })], 'no-stream');
  await store.append('customer-b', [event('CustomerRegistered', { name: 'Bo' })], 'no-stream');
  await store.append('customer-a', [event('CustomerArchived', {})], 1);
  return store;
}

export type ReadOnlyLog = Pick<EventStore, 'readAll' | 'readChainLinks' | 'readStream'>;

/**
 * The log's events as a store that hands out `rewrite` of them: what someone with write access to the table could
 * leave behind. Reads only, as verification does.
 */
export async function tamperedLog(store: ReadOnlyLog, rewrite: (events: RecordedEvent[]) => RecordedEvent[]): Promise<ReadOnlyLog> {
  const events = rewrite((await store.readAll({ limit: 10_000 })).map((stored) => structuredClone(stored)));
  const readAll: ReadOnlyLog['readAll'] = async ({ after, limit }) =>
    events.filter((stored) => after === undefined || stored.position > after).slice(0, limit);
  return {
    readAll,
    readChainLinks: async (options) => (await readAll(options)).map(eventTextOf),
    readStream: async (streamId, { fromRevision = 0, maxCount } = {}) =>
      events.filter((stored) => stored.streamId === streamId && stored.revision >= fromRevision).slice(0, maxCount),
  };
}
