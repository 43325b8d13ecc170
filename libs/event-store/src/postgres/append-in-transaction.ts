import type { ClientBase } from 'pg';
import { checkExpectedRevision, findPriorAppend, firstRevisionAfter, type StreamRevision } from '../append-rules';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { positionOf, type PositionRow } from './event-rows';
import type { EventTable } from './event-table';

type PlacementRow = PositionRow & Readonly<{ event_id: string; stream_id: string; stream_revision: string }>;

/**
 * One append, inside a transaction that the caller opened and will commit. Only reads come before
 * the insert: PostgreSQL assigns a transaction id at the first write and $all sorts by it (ADR 0002),
 * so the event rows must be this transaction's first write. Not exported from the library: the
 * adapter wraps it in its own transaction; the ordering test holds one open around it.
 */
export async function appendInTransaction(
  client: ClientBase,
  table: EventTable,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const stored = await client.query<PlacementRow>(
    `SELECT event_id, stream_id, stream_revision, transaction_id::text AS transaction_id, global_position
     FROM ${table.name} WHERE event_id = ANY($1::uuid[])`,
    [events.map((event) => event.id)],
  );
  const placements = stored.rows.map((row) => ({
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.stream_revision),
    position: positionOf(row),
  }));
  const prior = findPriorAppend(streamId, events, expected, placements);
  if (prior) return prior;

  const actual = await currentRevision(client, table, streamId);
  checkExpectedRevision(streamId, expected, actual);
  const { rows } = await client.query<PositionRow & Readonly<{ stream_revision: string }>>(
    `INSERT INTO ${table.name} (stream_id, stream_revision, event_id, type, schema_version, data, metadata)
     SELECT $1, $2::bigint + e.ordinality - 1, (e.event->>'id')::uuid, e.event->>'type',
            (e.event->>'schemaVersion')::integer, e.event->'data', e.event->'metadata'
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(event, ordinality)
     ORDER BY e.ordinality
     RETURNING stream_revision, transaction_id::text AS transaction_id, global_position`,
    [streamId, firstRevisionAfter(actual), JSON.stringify(events)],
  );
  // Delivered at commit, to wake the subscriptions' listeners.
  await client.query(`SELECT pg_notify($1, '')`, [table.channel]);
  const last = rows.reduce((latest, row) => (BigInt(row.stream_revision) > BigInt(latest.stream_revision) ? row : latest));
  return { nextExpectedRevision: Number(last.stream_revision), position: positionOf(last) };
}

export async function currentRevision(db: Pick<ClientBase, 'query'>, table: EventTable, streamId: string): Promise<StreamRevision> {
  const { rows } = await db.query<{ revision: string | null }>(
    `SELECT max(stream_revision) AS revision FROM ${table.name} WHERE stream_id = $1`,
    [streamId],
  );
  return rows[0].revision === null ? 'no-stream' : Number(rows[0].revision);
}
