import type { Pool, PoolClient } from 'pg';
import type { EventUpgrade, RecordedEvent, Rehashed } from '../event-store.port';
import { GENESIS_HASH, linkHash } from '../hash-chain';
import { EVENT_COLUMNS, TEXT_COLUMNS, toEventText, toRecordedEvent, type EventRow, type TextRow } from './event-rows';
import type { EventTable } from './event-table';
import { inTransaction } from './transaction';

const STREAMS_PER_ROUND = 500;

/**
 * Runs an upgrade step in one transaction that holds off every append (they take ROW EXCLUSIVE) while reads go on: the
 * events rewritten replace theirs in place (same ids, revisions and positions), then each stream concerned is chained
 * again over its stored text. This is what tamper evidence exists to catch, so it is for upgrades only (docs/adr/0009):
 * the caller records the hashes it returns in the audit stream. A step that ran already costs one read.
 */
export async function runEventUpgrade(pool: Pool, table: EventTable, upgrade: EventUpgrade): Promise<Rehashed[]> {
  const ran = await pool.query(`SELECT 1 FROM ${table.upgrades} WHERE step = $1`, [upgrade.step]);
  if (ran.rowCount !== 0) return [];
  return inTransaction(pool, async (client) => {
    await client.query(`LOCK TABLE ${table.name} IN SHARE ROW EXCLUSIVE MODE`);
    const claimed = await client.query(`INSERT INTO ${table.upgrades} (step) VALUES ($1) ON CONFLICT DO NOTHING`, [upgrade.step]);
    // Another process ran it while this one waited for the lock.
    if (claimed.rowCount === 0) return [];
    const rehashed: Rehashed[] = [];
    for (let after = ''; ;) {
      const { rows } = await client.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM ${table.name} WHERE type = ANY($1) AND schema_version = $2 AND stream_id > $3
         ORDER BY stream_id LIMIT ${STREAMS_PER_ROUND}`,
        [upgrade.types, upgrade.schemaVersion, after],
      );
      if (rows.length === 0) break;
      const streamIds = rows.map((row) => row.stream_id);
      await replaceRewritten(client, table, await readStreams(client, table, streamIds), upgrade);
      rehashed.push(...(await chainAgain(client, table, streamIds)));
      after = streamIds[streamIds.length - 1];
    }
    // Kept with the step, in its transaction: should the process stop before the audit records them, they are here.
    await client.query(`UPDATE ${table.upgrades} SET rehashed = $2 WHERE step = $1`, [upgrade.step, JSON.stringify(rehashed)]);
    return rehashed;
  });
}

async function readStreams(client: PoolClient, table: EventTable, streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
  const { rows } = await client.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${table.name} WHERE stream_id = ANY($1) ORDER BY stream_id, stream_revision`,
    [streamIds],
  );
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of rows.map(toRecordedEvent)) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
}

async function replaceRewritten(client: PoolClient, table: EventTable, streams: Map<string, RecordedEvent[]>, upgrade: EventUpgrade) {
  const rewritten = await upgrade.rewrite(streams);
  const changed = [...streams].flatMap(([streamId, events]) => {
    const replacements = rewritten.get(streamId) ?? events;
    if (replacements.length !== events.length) throw new Error(`The upgrade ${upgrade.step} changed the length of ${streamId}`);
    return events.flatMap((event, index) => (replacements[index] === event ? [] : [replacements[index]]));
  });
  if (changed.length === 0) return;
  await client.query(
    `UPDATE ${table.name} AS e SET data = v.data, schema_version = v.schema_version
     FROM unnest($1::text[], $2::bigint[], $3::jsonb[], $4::int[]) AS v(stream_id, stream_revision, data, schema_version)
     WHERE e.stream_id = v.stream_id AND e.stream_revision = v.stream_revision`,
    [
      changed.map((event) => event.streamId),
      changed.map((event) => event.revision),
      changed.map((event) => JSON.stringify(event.data)),
      changed.map((event) => event.schemaVersion),
    ],
  );
}

/** Every event of the streams hashed again, from their first, over their stored text; returns those whose hash changed. */
async function chainAgain(client: PoolClient, table: EventTable, streamIds: readonly string[]): Promise<Rehashed[]> {
  const { rows } = await client.query<TextRow>(
    `SELECT ${TEXT_COLUMNS} FROM ${table.name} WHERE stream_id = ANY($1) ORDER BY stream_id, stream_revision`,
    [streamIds],
  );
  const rehashed: Rehashed[] = [];
  let previous = { streamId: '', hash: GENESIS_HASH };
  for (const event of rows.map(toEventText)) {
    const hash = linkHash(event.streamId === previous.streamId ? previous.hash : GENESIS_HASH, event);
    if (hash !== event.hash) rehashed.push({ streamId: event.streamId, revision: event.revision, was: event.hash, now: hash });
    previous = { streamId: event.streamId, hash };
  }
  await client.query(
    `UPDATE ${table.name} AS e SET hash = v.hash FROM unnest($1::text[], $2::bigint[], $3::text[]) AS v(stream_id, stream_revision, hash)
     WHERE e.stream_id = v.stream_id AND e.stream_revision = v.stream_revision`,
    [rehashed.map((event) => event.streamId), rehashed.map((event) => event.revision), rehashed.map((event) => event.now)],
  );
  return rehashed;
}
