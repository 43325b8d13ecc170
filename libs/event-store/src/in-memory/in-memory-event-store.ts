import { assertValidAppend, checkExpectedRevision, findPriorAppend, firstRevisionAfter, placementOf } from '../append-rules';
import { SubscriptionRegistry } from '../catch-up-subscription';
import { appendOutcome, assertValidAppendMany } from '../append-many';
import { chainHashes, eventTextOf, GENESIS_HASH } from '../hash-chain';
import type {
  EventText,
  AppendOutcome,
  AppendRequest,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';

/**
 * For unit tests only: nothing survives the process. Same contract as the real adapters, with
 * positions 1, 2, 3... Data and metadata go through JSON like in a real store, and come back frozen.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly subscriptions = new SubscriptionRegistry({ readAll: (options) => this.readAll(options), batchSize: 100 });

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    const stored = events.flatMap((event) => this.byId.get(event.id) ?? []);
    const prior = findPriorAppend(streamId, events, expected, stored.map(placementOf));
    if (prior) return prior;
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no-stream' : stream.length - 1;
    checkExpectedRevision(streamId, expected, actual);
    const first = firstRevisionAfter(actual);
    const recordedAt = new Date();
    const hashes = chainHashes(stream.at(-1)?.hash ?? GENESIS_HASH, streamId, first, events);
    const recorded = events.map((event, index): RecordedEvent =>
      frozenJsonCopy({
        ...event,
        streamId,
        revision: first + index,
        position: BigInt(this.all.length + index + 1),
        recordedAt,
        hash: hashes[index],
      }),
    );
    for (const event of recorded) this.byId.set(event.id, event);
    this.all.push(...recorded);
    this.streams.set(streamId, [...stream, ...recorded]);
    this.subscriptions.wakeAll();
    const last = recorded[recorded.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    assertValidAppendMany(requests);
    const outcomes: AppendOutcome[] = [];
    for (const { streamId, events, expected } of requests)
      outcomes.push(await appendOutcome(() => this.append(streamId, events, expected)));
    return outcomes;
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    return new Map(streamIds.map((streamId) => [streamId, [...(this.streams.get(streamId) ?? [])]]));
  }

  async readStream(streamId: string, { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    const selected =
      direction === 'forwards'
        ? stream.filter((event) => event.revision >= (fromRevision ?? 0))
        : stream.filter((event) => event.revision <= (fromRevision ?? Infinity)).reverse();
    return selected.slice(0, maxCount);
  }

  async countAll(): Promise<number> {
    return this.all.length;
  }

  /** Rendered from each event: this store keeps no text of them. */
  async readAllText(options: ReadAllOptions): Promise<EventText[]> {
    return (await this.readAll(options)).map(eventTextOf);
  }

  readChainLinks(options: ReadAllOptions): Promise<EventText[]> {
    return this.readAllText(options);
  }

  async readAll({ after = 0n, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    // Positions are 1-based indexes into `all`.
    const start = Number(after < 0n ? 0n : after);
    return this.all.slice(start, start + limit);
  }

  subscribeAll(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Subscription {
    return this.subscriptions.start(after, handler, onError);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
  }
}

/** A deep copy through JSON (as a real store does) with bigint positions and dates kept, frozen throughout. */
function frozenJsonCopy(event: RecordedEvent): RecordedEvent {
  const freeze = (_key: string, value: unknown) => (typeof value === 'object' && value !== null ? Object.freeze(value) : value);
  const copy = (value: object) => JSON.parse(JSON.stringify(value), freeze) as Readonly<Record<string, unknown>>;
  return Object.freeze({ ...event, data: copy(event.data), metadata: copy(event.metadata) });
}
