import type { EventStore, RecordedEvent } from '@ledgerline/event-store';

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
  /** The event's link in its stream's hash chain (docs/audit.md, "Tamper evidence"). */
  hash: string;
}>;

/** One stored event as auditors read it: what happened, with who, when, why and through which system. */
export const historyEntryOf = (event: RecordedEvent): HistoryEntry => ({
  eventId: event.id,
  type: event.type,
  schemaVersion: event.schemaVersion,
  revision: event.revision,
  position: event.position.toString(),
  recordedAt: event.recordedAt.toISOString(),
  data: event.data,
  metadata: event.metadata,
  hash: event.hash,
});

/** A record's full history, oldest first. */
export async function readHistory(store: EventStore, streamId: string): Promise<HistoryEntry[]> {
  return (await store.readStream(streamId)).map(historyEntryOf);
}
