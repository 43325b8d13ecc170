import { START, StreamNotFoundError, WrongExpectedVersionError, type EventStoreDBClient, type ReadPosition } from '@eventstore/db-client';
import { WrongExpectedRevision } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { newEvent } from '../testing/contract-helpers';
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
