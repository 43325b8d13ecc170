import type { ClientBase } from 'pg';
import { checkExpectedRevision, findPriorAppend, type StreamRevision } from '../append-rules';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { positionOf, type PositionRow } from './event-rows';
import type { EventTable } from './event-table';
import { GENESIS_HASH } from '../hash-chain';
import type { ChainedAppend, StreamHeads } from './stream-heads';

type PlacementRow = PositionRow & Readonly<{ event_id: string; stream_id: string; stream_revision: string }>;

/**
 * One append as ONE statement, so the happy path is one round trip: the stream's head is read and
 * the events inserted in the same statement. Its reads come before its write, so the event rows are
 * the transaction's first write, which $all ordering relies on (ADR 0002). Returns undefined, having
 * written nothing, when the stream's head is not the one the events were chained on (its revision and its hash).
 */
export async function insertEvents(
  client: ClientBase,
  table: EventTable,
  streamId: string,
  { required, previous, events }: ChainedAppend,
): Promise<AppendResult | undefined> {
  const { rows } = await client.query<PositionRow & Readonly<{ stream_revision: string }>>(
    `WITH head AS (
       SELECT coalesce(last.revision, -1) AS revision, coalesce(last.hash, '${GENESIS_HASH}') AS hash
       FROM (SELECT) AS one
       LEFT JOIN LATERAL (
         SELECT stream_revision AS revision, hash FROM ${table.name} WHERE stream_id = $1 ORDER BY stream_revision DESC LIMIT 1
       ) AS last ON true
     )
     INSERT INTO ${table.name} (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash)
     SELECT $1, head.revision + e.ordinality, (e.event->>'id')::uuid, e.event->>'type',
            (e.event->>'schemaVersion')::integer, e.event->'data', e.event->'metadata', e.event->>'hash'
     FROM head, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(event, ordinality)
     WHERE head.revision = $2::bigint AND head.hash = $4
     ORDER BY e.ordinality
     RETURNING stream_revision, transaction_id::text AS transaction_id, global_position`,
    [streamId, required, JSON.stringify(events), previous],
  );
  if (rows.length === 0) return undefined;
  const last = rows.reduce((latest, row) => (BigInt(row.stream_revision) > BigInt(latest.stream_revision) ? row : latest));
  return { nextExpectedRevision: Number(last.stream_revision), position: positionOf(last) };
}

/**
 * Why an append wrote nothing. The retry of an append that already succeeded (its acknowledgement
 * was lost) gets that append's result; a stream at another revision, WrongExpectedRevision;
 * ids stored elsewhere, DuplicateEventId. Undefined: nothing explains it, try again (an "any"
 * append that lost a race).
 */
export async function explainRefusal(
  db: Pick<ClientBase, 'query'>,
  table: EventTable,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult | undefined> {
  const stored = await db.query<PlacementRow>(
    `SELECT event_id, stream_id, stream_revision, transaction_id::text AS transaction_id, global_position
     FROM ${table.name} WHERE event_id = ANY($1::uuid[])`,
    [events.map((event) => event.id)],
  );
  const prior = findPriorAppend(
    streamId,
    events,
    expected,
    stored.rows.map((row) => ({
      eventId: row.event_id,
      streamId: row.stream_id,
      revision: Number(row.stream_revision),
      position: positionOf(row),
    })),
  );
  if (prior) return prior;
  checkExpectedRevision(streamId, expected, await currentRevision(db, table, streamId));
  return undefined;
}

/** An append inside a transaction the caller opened and will commit (the ordering test holds one open). */
export async function appendInTransaction(
  client: ClientBase,
  table: EventTable,
  heads: StreamHeads,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const chained = await heads.chain(client, table, streamId, events, expected);
  const result =
    (chained && (await insertEvents(client, table, streamId, chained))) ??
    (await explainRefusal(client, table, streamId, events, expected));
  if (!result) throw new Error(`append to ${streamId} raced with another writer: retry`);
  return result;
}

export async function currentRevision(db: Pick<ClientBase, 'query'>, table: EventTable, streamId: string): Promise<StreamRevision> {
  const { rows } = await db.query<{ revision: string | null }>(
    `SELECT max(stream_revision) AS revision FROM ${table.name} WHERE stream_id = $1`,
    [streamId],
  );
  return rows[0].revision === null ? 'no-stream' : Number(rows[0].revision);
}
