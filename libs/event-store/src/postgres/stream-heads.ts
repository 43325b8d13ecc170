import type { ClientBase } from 'pg';
import { chainHashes, GENESIS_HASH } from '../hash-chain';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';
import type { EventTable } from './event-table';

/** A stream's last event as far as this process saw it: its revision and hash. */
type Head = Readonly<{ revision: number; hash: string }>;

/**
 * An append made ready for its statement: the head it requires (revision -1: a new stream) with that head's hash,
 * and each event with its hash.
 */
export type ChainedAppend = Readonly<{ required: number; previous: string; events: readonly (EventToAppend & { hash: string })[] }>;

const CAPACITY = 10_000;

/**
 * The hashes of stream heads this process read or wrote, so that an append after a read (a command) needs no extra
 * round trip to chain its events. An append that chained on an outdated head is refused by its statement, which
 * requires that very revision and hash to be the head; the store then forgets the entry (a stream restored from a
 * backup may hold another event at a revision this process saw). Least recently used entries make room.
 */
export class StreamHeads {
  private readonly heads = new Map<string, Head>();

  /** Keeps the last of these events of each stream: call it with what a read returned up to a stream's end. */
  remember(events: readonly Pick<RecordedEvent, 'streamId' | 'revision' | 'hash'>[]): void {
    for (const { streamId, revision, hash } of events) {
      this.heads.delete(streamId);
      this.heads.set(streamId, { revision, hash });
    }
    for (const streamId of this.heads.keys()) {
      if (this.heads.size <= CAPACITY) break;
      this.heads.delete(streamId);
    }
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }

  /**
   * Chains an append on the head it expects; for "any", on the head as it is now. Undefined when the stream has no
   * event at the expected revision: the append cannot land, and its refusal is explained without writing.
   */
  async chain(
    db: Pick<ClientBase, 'query'>,
    table: EventTable,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<ChainedAppend | undefined> {
    const [chained] = await this.chainMany(db, table, [{ streamId, events, expected }]);
    return chained;
  }

  /** chain() for many appends, looking up in one round trip the heads this process does not know. */
  async chainMany(
    db: Pick<ClientBase, 'query'>,
    table: EventTable,
    requests: readonly Readonly<{ streamId: string; events: readonly EventToAppend[]; expected: ExpectedRevision }>[],
  ): Promise<(ChainedAppend | undefined)[]> {
    const known = (streamId: string, expected: ExpectedRevision): Head | undefined => {
      if (expected === 'no-stream') return { revision: -1, hash: GENESIS_HASH };
      const head = this.heads.get(streamId);
      return head && expected === head.revision ? head : undefined;
    };
    const unknown = requests.filter(({ streamId, expected }) => known(streamId, expected) === undefined);
    const found = await lookUpHeads(db, table, unknown);
    return requests.map(({ streamId, events, expected }) => {
      const head = known(streamId, expected) ?? found.get(streamId);
      return head && chainedOn(head, streamId, events);
    });
  }
}

function chainedOn(head: Head, streamId: string, events: readonly EventToAppend[]): ChainedAppend {
  const hashes = chainHashes(head.hash, streamId, head.revision + 1, events);
  return { required: head.revision, previous: head.hash, events: events.map((event, index) => ({ ...event, hash: hashes[index] })) };
}

/**
 * The event each append would chain on: the one at its expected revision, or for "any" the stream's last (a new
 * stream's head is the genesis). A stream without the expected revision is left out.
 */
async function lookUpHeads(
  db: Pick<ClientBase, 'query'>,
  table: EventTable,
  requests: readonly Readonly<{ streamId: string; expected: ExpectedRevision }>[],
): Promise<Map<string, Head>> {
  const heads = new Map<string, Head>();
  if (requests.length === 0) return heads;
  const { rows } = await db.query<{ stream_id: string; revision: string | null; hash: string | null }>(
    `SELECT r.stream_id, e.stream_revision AS revision, e.hash
     FROM unnest($1::text[], $2::bigint[]) AS r(stream_id, expected)
     LEFT JOIN LATERAL (
       SELECT stream_revision, hash FROM ${table.name} AS stored
       WHERE stored.stream_id = r.stream_id AND (r.expected IS NULL OR stored.stream_revision = r.expected)
       ORDER BY stored.stream_revision DESC LIMIT 1
     ) AS e ON true`,
    [requests.map(({ streamId }) => streamId), requests.map(({ expected }) => (expected === 'any' ? null : expected))],
  );
  const expectations = new Map(requests.map(({ streamId, expected }) => [streamId, expected]));
  for (const row of rows) {
    if (row.revision !== null && row.hash !== null) heads.set(row.stream_id, { revision: Number(row.revision), hash: row.hash });
    else if (expectations.get(row.stream_id) === 'any') heads.set(row.stream_id, { revision: -1, hash: GENESIS_HASH });
  }
  return heads;
}
