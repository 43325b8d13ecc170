import type { EventStore } from '@ledgerline/event-store';

export type HistoryEntry = Readonly<{
  eventId: string;
  type: string;
  schemaVersion: number;
  revision: number;
  /** Opaque $all position, as a decimal string (it can exceed JSON's safe integers). */
  position: string;
  recordedAt: string;
  data: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>>;
}>;

/** A record's full history: every event with who, when, why and through which system, oldest first. */
export async function readHistory(store: EventStore, streamId: string): Promise<HistoryEntry[]> {
  const events = await store.readStream(streamId);
  return events.map((event) => ({
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    revision: event.revision,
    position: event.position.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  }));
}
