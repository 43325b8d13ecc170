import type { EventText, RecordedEvent } from '../event-store.port';
import { encodePosition } from './position';

/** The columns every read selects; bigints come back as strings, xid8 is cast to text. */
export const EVENT_COLUMNS =
  'stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash, recorded_at, transaction_id::text AS transaction_id, global_position';

/** What readAllText selects: data and metadata as PostgreSQL renders jsonb (not parsed). */
export const TEXT_COLUMNS =
  'stream_id, stream_revision, event_id, type, schema_version, data::text AS data, metadata::text AS metadata, hash, recorded_at, ' +
  'transaction_id::text AS transaction_id, global_position';

export type PositionRow = Readonly<{ transaction_id: string; global_position: string }>;

/** A stored event, with data and metadata parsed (Body: an object) or as text (Body: a string). */
type StoredRow<Body> = PositionRow &
  Readonly<{
    stream_id: string;
    stream_revision: string;
    event_id: string;
    type: string;
    schema_version: number;
    data: Body;
    metadata: Body;
    hash: string;
    recorded_at: Date;
  }>;

export type EventRow = StoredRow<Record<string, unknown>>;
export type TextRow = StoredRow<string>;

export const positionOf = (row: PositionRow) =>
  encodePosition({ transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) });

const eventOf = <Body>(row: StoredRow<Body>) => ({
  id: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  revision: Number(row.stream_revision),
  position: positionOf(row),
  recordedAt: row.recorded_at,
  hash: row.hash,
});

export const toRecordedEvent = (row: EventRow): RecordedEvent => eventOf(row);

export const toEventText = (row: TextRow): EventText => eventOf(row);
