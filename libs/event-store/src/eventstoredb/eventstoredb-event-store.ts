import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
} from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendEach, assertValidAppendMany } from '../append-many';
import { assertValidAppend, findPriorAppend, placementOf } from '../append-rules';
import { chainHashes, eventTextOf, GENESIS_HASH } from '../hash-chain';
import {
  WrongExpectedRevision,
  type AppendOutcome,
  type AppendRequest,
  type AppendResult,
  type EventText,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionHandler,
} from '../event-store.port';
import {
  fromEsdbRevision,
  isSystemEvent,
  toEsdbExpectedRevision,
  toEventData,
  toReadPosition,
  toRecordedEvent,
} from './eventstoredb-mapping';

const PING_DEADLINE_MS = 2000;
/** How far back an "any" append looks for its own earlier try. */
const RETRY_WINDOW = 100;

/**
 * The EventStoreDB adapter. EventStoreDB's idempotency differs in one point: an event id already
 * stored in another stream is accepted there (the other adapters throw DuplicateEventId).
 * `new EventStoreDbEventStore(client)` leaves the client to its owner; `connect(url)` owns it.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();

  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), true);
  }

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly ownsClient = false,
  ) {}

  /**
   * Chains the events on the stream's head (hash-chain.ts) and appends them with that head as the expected revision,
   * so that no other append can come between the read and the write. "any" has no head to expect: it reads the
   * stream's last RETRY_WINDOW events, recognises its own earlier try among them (a lost acknowledgement), and tries
   * again, after a short pause, when another writer came first. A retry after more than RETRY_WINDOW other events in
   * the stream is not recognised: where that matters, append at an exact revision, as commands do.
   */
  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    if (expected !== 'any') return this.appendChained(streamId, events, expected, await this.hashAt(streamId, expected));
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await sleep(Math.random() * Math.min(100, 5 * 2 ** attempt));
      const end = await this.readStream(streamId, { direction: 'backwards', maxCount: Math.max(RETRY_WINDOW, events.length) });
      const prior = findPriorAppend(
        streamId,
        events,
        'any',
        end.filter(({ id }) => events.some((event) => event.id === id)).map(placementOf),
      );
      if (prior) return prior;
      const head = end[0];
      try {
        return await this.appendChained(streamId, events, head?.revision ?? 'no-stream', head?.hash ?? GENESIS_HASH);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
  }

  /** The hash of the event at the expected revision. Without one, the append is refused whatever it chains on. */
  private async hashAt(streamId: string, expected: number | 'no-stream'): Promise<string> {
    if (expected === 'no-stream') return GENESIS_HASH;
    const [event] = await this.readStream(streamId, { fromRevision: expected, maxCount: 1 });
    return event?.revision === expected ? event.hash : GENESIS_HASH;
  }

  private async appendChained(streamId: string, events: readonly EventToAppend[], expected: number | 'no-stream', previous: string) {
    const first = expected === 'no-stream' ? 0 : expected + 1;
    const hashes = chainHashes(previous, streamId, first, events);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event, index) => toEventData({ ...event, hash: hashes[index] })),
        { expectedRevision: toEsdbExpectedRevision(expected) },
      );
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      // An idempotent retry is answered without a position: look up where the original append put its last event.
      const position = result.position?.commit ?? (await this.positionOf(streamId, nextExpectedRevision));
      return { nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevision(streamId, expected, fromEsdbRevision(error.actualVersion));
      }
      throw error;
    }
  }

  /**
   * EventStoreDB 23/24 has no multi-stream append: the appends run concurrently, multiplexed over the client's
   * one HTTP/2 connection, so the batch still costs about one round trip.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    assertValidAppendMany(requests);
    return appendEach(this, requests);
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = await Promise.all(streamIds.map((streamId) => this.readStream(streamId)));
    return new Map(streamIds.map((streamId, index) => [streamId, streams[index]]));
  }

  async readStream(streamId: string, { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (maxCount === 0) return [];
    const forwards = direction === 'forwards';
    const read = this.client.readStream(streamId, {
      direction: forwards ? FORWARDS : BACKWARDS,
      fromRevision: fromRevision === undefined ? (forwards ? START : END) : BigInt(fromRevision),
      maxCount,
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of read) if (event) events.push(toRecordedEvent(event));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** EventStoreDB keeps no cheap count of $all. */
  async countAll(): Promise<undefined> {
    return undefined;
  }

  /** Rendered from each event: this store keeps no text of them. */
  async readAllText(options: ReadAllOptions): Promise<EventText[]> {
    return (await this.readAll(options)).map(eventTextOf);
  }

  readChainLinks(options: ReadAllOptions): Promise<EventText[]> {
    return this.readAllText(options);
  }

  /**
   * Reading $all has no server-side filter, so system events are dropped here, page after page,
   * until `limit` events are found or $all ends. Pages start at the last position seen (inclusive).
   */
  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from = after;
    for (;;) {
      let read = 0;
      for await (const { event } of this.client.readAll({ fromPosition: toReadPosition(from), maxCount: limit + 1 })) {
        read += 1;
        if (!event || (from !== undefined && event.position.commit <= from)) continue;
        from = event.position.commit;
        if (!isSystemEvent(event)) events.push(toRecordedEvent(event));
      }
      if (events.length >= limit || read <= limit) return events.slice(0, limit);
    }
  }

  subscribeAll(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Subscription {
    const subscription = this.client.subscribeToAll({ fromPosition: toReadPosition(after), filter: excludeSystemEvents() });
    let stopping = false;
    const running = (async () => {
      try {
        for await (const { event } of subscription) {
          if (stopping) break;
          if (!event || isSystemEvent(event) || (after !== undefined && event.position.commit <= after)) continue;
          await handler(toRecordedEvent(event));
        }
      } catch (error) {
        if (!stopping) onError?.(error);
      } finally {
        // Also ends the server-side subscription after a failed handler; errors here leave nothing to release.
        await subscription.unsubscribe().catch(() => undefined);
      }
    })();
    const handle: Subscription = {
      stop: async () => {
        stopping = true;
        await subscription.unsubscribe();
        await running;
      },
    };
    this.subscriptions.add(handle);
    void running.then(() => this.subscriptions.delete(handle));
    return handle;
  }

  async ping(): Promise<boolean> {
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: PING_DEADLINE_MS }))
        break;
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.ownsClient) await this.client.dispose();
  }

  private async positionOf(streamId: string, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(streamId, { direction: 'backwards', fromRevision: revision, maxCount: 1 });
    if (event?.revision !== revision) throw new Error(`Stream ${streamId} has no event at revision ${revision}`);
    return event.position;
  }
}
