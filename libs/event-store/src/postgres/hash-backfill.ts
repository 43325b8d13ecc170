import type { ClientBase } from 'pg';
import { GENESIS_HASH, linkHash } from '../hash-chain';
import type { TextRow } from './event-rows';
import type { EventTable } from './event-table';

const PAGE = 1_000;

type UnhashedRow = Pick<
  TextRow,
  'global_position' | 'stream_id' | 'stream_revision' | 'event_id' | 'type' | 'schema_version' | 'data' | 'metadata'
> &
  Readonly<{ previous_hash: string | null }>;

/**
 * Hashes the events a table held before it had a hash column, stream by stream in revision order, a page at a time,
 * in the caller's transaction (so each page sees the hashes the previous one wrote). It hashes their stored text, as
 * readAllText renders it: a value stored as 1.50 stays 1.50, where a parse would have made it 1.5. The chains then
 * prove the log unchanged from this moment on, not before it (docs/runbooks.md, "First start after upgrading").
 */
export async function backfillHashes(client: ClientBase, table: EventTable): Promise<number> {
  let hashed = 0;
  let after: Readonly<{ streamId: string; revision: string }> = { streamId: '', revision: '-1' };
  for (;;) {
    const { rows } = await client.query<UnhashedRow>(
      `SELECT e.global_position, e.stream_id, e.stream_revision, e.event_id, e.type, e.schema_version, e.data::text AS data,
              e.metadata::text AS metadata,
              previous.hash AS previous_hash
       FROM ${table.name} AS e
       LEFT JOIN ${table.name} AS previous ON previous.stream_id = e.stream_id AND previous.stream_revision = e.stream_revision - 1
       WHERE e.hash IS NULL AND (e.stream_id, e.stream_revision) > ($1, $2::bigint)
       ORDER BY e.stream_id, e.stream_revision
       LIMIT ${PAGE}`,
      [after.streamId, after.revision],
    );
    if (rows.length === 0) return hashed;
    const hashes = chainPage(rows);
    await client.query(
      `UPDATE ${table.name} AS e SET hash = v.hash FROM unnest($1::bigint[], $2::text[]) AS v(position, hash) WHERE e.global_position = v.position`,
      [rows.map((row) => row.global_position), hashes],
    );
    hashed += rows.length;
    const last = rows[rows.length - 1];
    after = { streamId: last.stream_id, revision: last.stream_revision };
  }
}

/** A page's hashes; a row whose predecessor is earlier in the page chains on the hash just computed for it. */
function chainPage(rows: readonly UnhashedRow[]): string[] {
  const hashes: string[] = [];
  rows.forEach((row, index) => {
    const before = rows[index - 1];
    const chainsOnPageRow = before?.stream_id === row.stream_id && BigInt(before.stream_revision) === BigInt(row.stream_revision) - 1n;
    const previous = chainsOnPageRow ? hashes[index - 1] : (row.previous_hash ?? GENESIS_HASH);
    const { stream_id: streamId, event_id: id, type, schema_version: schemaVersion, data, metadata } = row;
    hashes.push(linkHash(previous, { streamId, revision: Number(row.stream_revision), id, type, schemaVersion, data, metadata }));
  });
  return hashes;
}
