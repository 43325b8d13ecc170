import type { ChainLink, RecordedEvent } from '../event-store.port';
import { encodePosition } from './position';

/** The columns every read selects; bigints come back as strings, xid8 is cast to text. */
export const EVENT_COLUMNS =
  'stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash, recorded_at, transaction_id::text AS transaction_id, global_position';

/** What readChainLinks selects: the hashed fields, data and metadata as PostgreSQL renders jsonb (not parsed). */
export const LINK_COLUMNS =
  'stream_id, stream_revision, event_id, type, schema_version, data::text AS data, metadata::text AS metadata, hash, recorded_at, ' +
  'transaction_id::text AS transaction_id, global_position';

/** data and metadata as text: the rest as in an event row. */
export type LinkRow = Omit<EventRow, 'data' | 'metadata'> & Readonly<{ data: string; metadata: string }>;

/**
 * The canonical JSON of the hashed fields (hash-chain.ts) of a row whose data and metadata are as PostgreSQL renders
 * them: the stored text itself, so that nothing a parse would round off escapes the hash.
 */
export const linkContent = (
  row: Pick<LinkRow, 'stream_id' | 'stream_revision' | 'event_id' | 'type' | 'schema_version' | 'data' | 'metadata'>,
): string =>
  `[${JSON.stringify(row.stream_id)}, ${row.stream_revision}, ${JSON.stringify(row.event_id)}, ${JSON.stringify(row.type)}, ` +
  `${row.schema_version}, ${row.data}, ${row.metadata}]`;

export const toChainLink = (row: LinkRow): ChainLink => ({
  streamId: row.stream_id,
  revision: Number(row.stream_revision),
  position: positionOf(row),
  recordedAt: row.recorded_at,
  hash: row.hash,
  content: linkContent(row),
});

export type PositionRow = Readonly<{ transaction_id: string; global_position: string }>;

export type EventRow = PositionRow &
  Readonly<{
    stream_id: string;
    stream_revision: string;
    event_id: string;
    type: string;
    schema_version: number;
    data: Record<string, unknown>;
    metadata: Record<string, unknown>;
    hash: string;
    recorded_at: Date;
  }>;

export const positionOf = (row: PositionRow) =>
  encodePosition({ transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) });

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
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
