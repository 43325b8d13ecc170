import type { ClientBase } from 'pg';
import type { AppendResult } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { positionOf, type PositionRow } from './event-rows';
import type { EventTable } from './event-table';
import type { ChainedAppend } from './stream-heads';

type InsertedRow = PositionRow & Readonly<{ stream_id: string; stream_revision: string }>;

/**
 * Many appends as ONE statement and one commit: each stream's head is read and its events inserted when the head is
 * the one its events were chained on (revision and hash), in request order. As with a single append, the reads come before the write, so the
 * rows are the transaction's first write (ADR 0002). Returns the result of each request that was stored; the others
 * wrote nothing (their stream was elsewhere), and the caller explains them one by one. MATERIALIZED, so that each
 * stream's head is looked up once per request, not once per event (an inlined CTE measured up to 2x slower).
 */
export async function insertManyEvents(
  client: ClientBase,
  table: EventTable,
  requests: readonly (ChainedAppend & Readonly<{ streamId: string }>)[],
): Promise<Map<string, AppendResult>> {
  if (requests.length === 0) return new Map();
  const input = requests.map(({ streamId, events, required, previous }) => ({ streamId, required, previous, events }));
  const { rows } = await client.query<InsertedRow>(
    `WITH input AS MATERIALIZED (
       SELECT r.ordinality AS request, r.value->>'streamId' AS stream_id, (r.value->>'required')::bigint AS required,
              r.value->>'previous' AS previous, r.value->'events' AS events
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(value, ordinality)
     ), heads AS MATERIALIZED (
       SELECT input.*, coalesce(last.revision, -1) AS revision, coalesce(last.hash, '${GENESIS_HASH}') AS hash
       FROM input
       LEFT JOIN LATERAL (
         SELECT stored.stream_revision AS revision, stored.hash FROM ${table.name} AS stored
         WHERE stored.stream_id = input.stream_id ORDER BY stored.stream_revision DESC LIMIT 1
       ) AS last ON true
     )
     INSERT INTO ${table.name} (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash)
     SELECT heads.stream_id, heads.revision + e.ordinality, (e.event->>'id')::uuid, e.event->>'type',
            (e.event->>'schemaVersion')::integer, e.event->'data', e.event->'metadata', e.event->>'hash'
     FROM heads, jsonb_array_elements(heads.events) WITH ORDINALITY AS e(event, ordinality)
     WHERE heads.revision = heads.required AND heads.hash = heads.previous
     ORDER BY heads.request, e.ordinality
     RETURNING stream_id, stream_revision, transaction_id::text AS transaction_id, global_position`,
    [JSON.stringify(input)],
  );
  const last = new Map<string, InsertedRow>();
  for (const row of rows) {
    const seen = last.get(row.stream_id);
    if (!seen || BigInt(row.stream_revision) > BigInt(seen.stream_revision)) last.set(row.stream_id, row);
  }
  return new Map(
    [...last].map(([streamId, row]) => [streamId, { nextExpectedRevision: Number(row.stream_revision), position: positionOf(row) }]),
  );
}
