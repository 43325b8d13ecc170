import { WrongExpectedRevision, type EventStore } from '@ledgerline/event-store';
import { randomUUID } from 'node:crypto';

/**
 * Appends the one event of a stream that is written once per installation (a marker, a key), unless a stream is
 * there already: processes starting together race for it, and the first one's event is the one that counts.
 */
export async function writeOnce(store: EventStore, streamId: string, type: string, data: Record<string, unknown>): Promise<void> {
  try {
    await store.append(streamId, [{ id: randomUUID(), type, schemaVersion: 1, data, metadata: { source: 'bootstrap' } }], 'no-stream');
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
  }
}
