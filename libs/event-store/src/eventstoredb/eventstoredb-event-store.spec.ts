import {
  ANY,
  BACKWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventData,
  type EventStoreDBClient,
  type ReadPosition,
} from '@eventstore/db-client';
import { WrongExpectedRevision } from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../hash-chain';
import { newEvent, newEvents } from '../testing/contract-helpers';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { toEventData, type EsdbRecordedEvent } from './eventstoredb-mapping';

/** The adapter's own logic, against a fake client: the contract suite needs a real server (EVENTSTOREDB_URL). */
describe('EventStoreDB adapter without a server', () => {
  const recorded = (streamId: string, type: string, commit: bigint, revision = 0n): EsdbRecordedEvent => {
    const { id, data, metadata } = toEventData({ ...newEvent({ type }), hash: GENESIS_HASH });
    return { streamId, id, type, revision, data, metadata, isJson: true, created: new Date(), position: { commit, prepare: commit } };
  };
  async function* events(...list: EsdbRecordedEvent[]) {
    for (const event of list) yield { event };
  }
  const storeWith = (client: Partial<Record<'appendToStream' | 'readStream' | 'readAll', unknown>>) =>
    new EventStoreDbEventStore(client as unknown as EventStoreDBClient);

  it('maps WrongExpectedVersionError to WrongExpectedRevision with the actual revision', async () => {
    const store = storeWith({
      appendToStream: async () => {
        throw new WrongExpectedVersionError(undefined, { streamName: 'deal-1', expected: 'no_stream', current: 4n });
      },
    });
    const error = await store.append('deal-1', [newEvent()], 'no-stream').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ streamId: 'deal-1', expected: 'no-stream', actual: 4 });
  });

  it('reads a missing stream as []', async () => {
    const store = storeWith({
      readStream: () =>
        (async function* () {
          yield* [];
          throw new StreamNotFoundError(undefined, 'deal-1');
        })(),
    });
    expect(await store.readStream('deal-1')).toEqual([]);
  });

  it('reads $all after a position without system events, paging past them up to the limit', async () => {
    const log = [
      recorded('deal-1', 'DealOpened', 10n),
      recorded('$stats-0.0.0.0:2113', '$statsCollected', 20n),
      recorded('deal-1', '$metadata', 30n),
      recorded('deal-2', 'DealOpened', 40n),
      recorded('$$deal-3', 'DealStarted', 50n),
      recorded('deal-3', 'DealOpened', 60n),
    ];
    const store = storeWith({
      // Like the server: from a position inclusive, at most maxCount events.
      readAll: ({ fromPosition, maxCount }: { fromPosition: ReadPosition; maxCount: number }) =>
        events(
          ...log
            .filter(
              (event) =>
                fromPosition === START || (typeof fromPosition === 'object' && (event.position?.commit ?? 0n) >= fromPosition.commit),
            )
            .slice(0, maxCount),
        ),
    });
    const positions = async (after: bigint | undefined, limit: number) =>
      (await store.readAll({ after, limit })).map((event) => event.position);
    expect(await positions(undefined, 10)).toEqual([10n, 40n, 60n]);
    expect(await positions(10n, 1)).toEqual([40n]);
    expect(await positions(40n, 1)).toEqual([60n]);
    expect(await positions(60n, 5)).toEqual([]);
  });
});

/**
 * A server's append and read semantics for one process, enough to test how the adapter chains: expected revisions
 * (no stream, any, exact), idempotent retries of the same ids at the same place, reads in both directions.
 * `beforeAppend` lets a test slip a concurrent writer in between the adapter's read and its append.
 */
function fakeServer() {
  const streams = new Map<string, EsdbRecordedEvent[]>();
  let commit = 0n;
  const appends: AppendExpectedRevision[] = [];
  let beforeAppend: (() => void) | undefined;
  const store = (streamId: string, events: EventData[]) => {
    const stream = streams.get(streamId) ?? [];
    for (const event of events) {
      commit += 10n;
      stream.push({
        streamId,
        id: event.id as string,
        type: event.type,
        revision: BigInt(stream.length),
        data: event.data as Record<string, unknown>,
        metadata: event.metadata as Record<string, unknown>,
        isJson: true,
        created: new Date(),
        position: { commit, prepare: commit },
      } as EsdbRecordedEvent);
    }
    streams.set(streamId, stream);
  };
  const client = {
    appendToStream: async (streamId: string, events: EventData[], { expectedRevision }: { expectedRevision: AppendExpectedRevision }) => {
      const pending = beforeAppend;
      beforeAppend = undefined;
      pending?.();
      appends.push(expectedRevision);
      const stream = streams.get(streamId) ?? [];
      const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
      const at = expectedRevision === NO_STREAM ? 0 : expectedRevision === ANY ? stream.length : Number(expectedRevision) + 1;
      // The same ids where the expected revision puts them: the server answers the earlier append's result.
      if (events.every((event, index) => stream[at + index]?.id === event.id))
        return { success: true, nextExpectedRevision: BigInt(at + events.length - 1), position: undefined };
      if (expectedRevision !== ANY && expectedRevision !== current)
        throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected: expectedRevision, current });
      store(streamId, events);
      return { success: true, nextExpectedRevision: BigInt(stream.length + events.length - 1), position: { commit, prepare: commit } };
    },
    readStream: (
      streamId: string,
      { direction, fromRevision, maxCount }: { direction: unknown; fromRevision: unknown; maxCount?: number },
    ) =>
      (async function* () {
        const stream = streams.get(streamId);
        if (!stream) throw new StreamNotFoundError(undefined, streamId);
        const backwards = direction === BACKWARDS;
        const from = typeof fromRevision === 'bigint' ? Number(fromRevision) : backwards ? stream.length - 1 : 0;
        const ordered = backwards ? stream.slice(0, from + 1).reverse() : stream.slice(from);
        for (const event of ordered.slice(0, maxCount)) yield { event };
      })(),
  };
  return {
    adapter: new EventStoreDbEventStore(client as unknown as EventStoreDBClient),
    appends,
    /** An event this adapter wrote before events were hash-chained: its metadata envelope has no hash. */
    writtenBeforeChains: (streamId: string, event = newEvent()) => {
      const { metadata, ...rest } = toEventData({ ...event, hash: GENESIS_HASH });
      const { hash: _unhashed, ...envelope } = metadata as Record<string, unknown>;
      store(streamId, [{ ...rest, metadata: envelope } as EventData]);
    },
    /** Another writer appends to the stream right before the adapter's next append reaches the server. */
    interleave: (streamId: string, event = newEvent()) => {
      beforeAppend = () => store(streamId, [toEventData({ ...event, hash: GENESIS_HASH })]);
    },
  };
}

describe('EventStoreDB adapter: the hash chain, against a fake server', () => {
  const chained = async (adapter: EventStoreDbEventStore, streamId: string) => {
    const events = await adapter.readStream(streamId);
    let previous = GENESIS_HASH;
    return events.map((event) => {
      const intact = eventHash(previous, event) === event.hash;
      previous = event.hash;
      return intact;
    });
  };

  it('chains each append on the head it read, and appends with that exact revision', async () => {
    const { adapter, appends } = fakeServer();
    await adapter.append('deal-1', newEvents(2), 'no-stream');
    await adapter.append('deal-1', newEvents(1), 1);
    await adapter.append('deal-1', newEvents(2), 'any');
    expect(await chained(adapter, 'deal-1')).toEqual([true, true, true, true, true]);
    expect(appends).toEqual([NO_STREAM, 1n, 2n]);
  });

  it("answers a retried 'any' append (its acknowledgement lost) with the first result, appending nothing", async () => {
    const { adapter, appends } = fakeServer();
    const events = newEvents(2);
    const first = await adapter.append('deal-1', events, 'any');
    expect(await adapter.append('deal-1', events, 'any')).toEqual(first);
    expect(appends).toHaveLength(1);
    expect(await adapter.readStream('deal-1')).toHaveLength(2);
  });

  it("chains an 'any' append that lost a race on the new head, reading it again", async () => {
    const { adapter, appends, interleave } = fakeServer();
    await adapter.append('deal-1', newEvents(1), 'no-stream');
    interleave('deal-1');
    await adapter.append('deal-1', newEvents(1), 'any');
    expect(appends).toEqual([NO_STREAM, 0n, 1n]);
    const stored = await adapter.readStream('deal-1');
    expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(eventHash(stored[1].hash, stored[2])).toBe(stored[2].hash);
  });

  it('reads an event written before chains with hash "", and chains the next append on that', async () => {
    const { adapter, writtenBeforeChains } = fakeServer();
    writtenBeforeChains('deal-1');
    const [old] = await adapter.readStream('deal-1');
    expect(old.hash).toBe('');
    await adapter.append('deal-1', newEvents(1), 0);
    const [, next] = await adapter.readStream('deal-1');
    expect(next.hash).toBe(eventHash('', next));
  });

  it('refuses an exact revision the stream is not at, whatever it chained on', async () => {
    const { adapter } = fakeServer();
    await adapter.append('deal-1', newEvents(1), 'no-stream');
    const error = await adapter.append('deal-1', newEvents(1), 3).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'WrongExpectedRevision', expected: 3, actual: 0 });
  });
});
