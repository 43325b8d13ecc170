import {
  ANY,
  NO_STREAM,
  START,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { StreamRevision } from '../append-rules';
import type { EventMetadata, EventToAppend, ExpectedRevision, GlobalPosition, RecordedEvent } from '../event-store.port';

/** An event as the client reads it, from a stream or from $all. */
export type EsdbRecordedEvent = NonNullable<ResolvedEvent['event']>;

/**
 * EventStoreDB events have no schema version or hash field: this adapter wraps the metadata to carry them. Events it
 * wrote before events were hash-chained have no hash: they read with hash "", and their stream's chain starts after
 * them (docs/audit.md, "Hash chains").
 */
type MetadataEnvelope = Readonly<{ schemaVersion: number; metadata: EventMetadata; hash?: string }>;

export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'no-stream' ? NO_STREAM : expected === 'any' ? ANY : BigInt(expected);

export const fromEsdbRevision = (revision: CurrentRevision): StreamRevision => (revision === NO_STREAM ? 'no-stream' : Number(revision));

/**
 * A $all position is an event's commit position. Each event appended in one call has its own
 * (commit equals prepare outside legacy explicit transactions), so both are set to it when reading on.
 */
export const toReadPosition = (after: GlobalPosition | undefined): ReadPosition =>
  after === undefined ? START : { commit: after, prepare: after };

export const toEventData = (event: EventToAppend & Readonly<{ hash: string }>) => {
  const metadata: MetadataEnvelope = { schemaVersion: event.schemaVersion, metadata: event.metadata, hash: event.hash };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
};

/** Streams and event types that start with `$` belong to EventStoreDB itself. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
  event.streamId.startsWith('$') || event.type.startsWith('$');

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = event.position?.commit;
  if (position === undefined)
    throw new Error(`EventStoreDB returned event ${event.id} without a position: the server must be 22.6 or later`);
  if (!event.isJson || !isRecord(event.data) || !isEnvelope(event.metadata)) {
    throw new Error(`EventStoreDB event ${event.id} in ${event.streamId} was not written by this adapter`);
  }
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.metadata.schemaVersion,
    data: event.data,
    metadata: event.metadata.metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created,
    hash: event.metadata.hash ?? '',
  };
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const isEnvelope = (value: unknown): value is MetadataEnvelope =>
  isRecord(value) &&
  typeof value.schemaVersion === 'number' &&
  isRecord(value.metadata) &&
  (value.hash === undefined || typeof value.hash === 'string');
