/**
 * The event store port. Adapters: PostgreSQL (the embedded default), EventStoreDB, and an
 * in-memory one for unit tests. All of them pass the same contract suite.
 */

/** Where in its stream an append expects to land. A stream's first event has revision 0. */
export type ExpectedRevision = 'no-stream' | 'any' | number;

/**
 * A position in $all. Opaque to callers except for ordering: an event read later from $all
 * always has a larger position than one read earlier, so a checkpoint is "the last position seen".
 */
export type GlobalPosition = bigint;

export type EventMetadata = Readonly<Record<string, unknown>>;

export type EventToAppend = Readonly<{
  /** Stable id (lowercase uuid): appending an event whose id is already stored at that place is a no-op. */
  id: string;
  type: string;
  schemaVersion: number;
  data: Readonly<Record<string, unknown>>;
  metadata: EventMetadata;
}>;

export type RecordedEvent = EventToAppend &
  Readonly<{
    streamId: string;
    revision: number;
    position: GlobalPosition;
    recordedAt: Date;
    /**
     * SHA-256 (hex) of the hash of the stream's event before it (GENESIS_HASH for the first) and of this event's
     * content: the store chains every append (hash-chain.ts), and `npm run cli -- audit verify` checks the chains.
     */
    hash: string;
  }>;

/**
 * An event with its data and metadata as JSON text, not parsed: the canonical JSON that its hash covers (hash-chain.ts).
 * PostgreSQL renders it from the stored jsonb, so an edit that parsing would hide (a number beyond a double's
 * precision) still changes it, and a reader that only passes the event on (the audit export) pays no parse.
 */
export type EventText = Omit<RecordedEvent, 'data' | 'metadata'> & Readonly<{ data: string; metadata: string }>;

export type AppendResult = Readonly<{
  /** The revision of the last event now in the stream: pass it as the next expected revision. */
  nextExpectedRevision: number;
  position: GlobalPosition;
}>;

export type AppendRequest = Readonly<{ streamId: string; events: readonly EventToAppend[]; expected: ExpectedRevision }>;

/** One request of an appendMany: stored (or recognised as a retry), or refused as `append` would refuse it. */
export type AppendOutcome = Readonly<{ ok: true; result: AppendResult } | { ok: false; error: WrongExpectedRevision | DuplicateEventId }>;

export type ReadStreamOptions = Readonly<{
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to the start, backwards to the end. */
  fromRevision?: number;
  maxCount?: number;
}>;

export type ReadAllOptions = Readonly<{
  /** Exclusive; omit to read from the very beginning. */
  after?: GlobalPosition;
  limit: number;
}>;

export type Subscription = Readonly<{
  /** Stops delivery; resolves once the handler is no longer running. */
  stop: () => Promise<void>;
}>;

export type SubscriptionHandler = (event: RecordedEvent) => Promise<void>;

/** The token under which an app provides its EventStore (dependency injection). */
export const EVENT_STORE = Symbol.for('ledgerline.event-store');

export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Many appends, in one round trip where the store can: each is atomic and is stored or refused on its own, exactly
   * as `append` would do it (the same refusals, the same idempotent retries); there is no atomicity across them.
   * Outcomes come in the order of the requests. A stream may appear only once per call.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]>;
  /** Returns [] for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Whole streams, oldest event first, in one round trip where the store can; [] for a stream that does not exist. */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The events readAll would return, as text (EventText): for passing them on at the speed of reading the log. */
  readAllText(options: ReadAllOptions): Promise<EventText[]>;
  /**
   * The same events as stored, which is what their hash chains cover: readAllText, unless a decorator changes events
   * on the way out (ProtectedEventStore reveals personal fields), whose chain links stay the stored bytes.
   */
  readChainLinks(options: ReadAllOptions): Promise<EventText[]>;
  /** How many events $all holds, for progress reports; undefined where counting is not cheap. */
  countAll(): Promise<number | undefined>;
  /**
   * Catch-up then live: delivers every event after `after` in $all order, one at a time,
   * awaiting the handler. A handler that throws stops the subscription and `onError` is told.
   */
  subscribeAll(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Subscription;
  /** True when the store answers; used by health checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An event whose hash an upgrade changed, with its hash before and after: what keeps earlier checkpoints explainable. */
export type Rehashed = Readonly<{ streamId: string; revision: number; was: string; now: string }>;

/**
 * An upgrade step that rewrites stored events: it is given the whole streams that hold events of `types` stored at
 * `schemaVersion`, and returns each stream's events, the ones to replace as new objects (only their data and schema
 * version are taken). `step` names it in the store: a step that ran is not run again.
 */
export type EventUpgrade = Readonly<{
  step: string;
  types: readonly string[];
  schemaVersion: number;
  rewrite: (streams: ReadonlyMap<string, readonly RecordedEvent[]>) => Promise<ReadonlyMap<string, readonly RecordedEvent[]>>;
}>;

/**
 * A store that can run an upgrade step rewriting stored events in place: the PostgreSQL adapter. EventStoreDB's events
 * are immutable, and the in-memory store holds nothing from before an upgrade.
 */
export interface UpgradableEventStore {
  upgrade(upgrade: EventUpgrade): Promise<Rehashed[]>;
}

export const isUpgradable = <S extends EventStore>(store: S): store is S & UpgradableEventStore =>
  typeof (store as Partial<UpgradableEventStore>).upgrade === 'function';

/** The stream is not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId} is at revision ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevision';
  }
}

/**
 * Some of the event ids are already stored, but not as this same append (a retry of an append
 * that succeeded is a no-op instead): in another stream, at other revisions, or only some of them.
 */
export class DuplicateEventId extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream ${streamId}: event ids already stored by another append: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventId';
  }
}
