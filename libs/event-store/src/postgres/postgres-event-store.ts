import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseError, Pool, type PoolClient, type QueryResultRow } from 'pg';
import { appendEach, appendOutcome, assertValidAppendMany } from '../append-many';
import { assertValidAppend } from '../append-rules';
import { SubscriptionRegistry } from '../catch-up-subscription';
import {
  type AppendOutcome,
  type AppendRequest,
  type AppendResult,
  type EventUpgrade,
  type EventText,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Rehashed,
  type Subscription,
  type SubscriptionHandler,
  type UpgradableEventStore,
} from '../event-store.port';
import { insertManyEvents } from './append-many-statement';
import { explainRefusal, insertEvents } from './append-statement';
import { CoalescedNotifier } from './coalesced-notifier';
import { EVENT_COLUMNS, TEXT_COLUMNS, toEventText, toRecordedEvent, type EventRow, type TextRow } from './event-rows';
import { eventTable, type EventTable } from './event-table';
import { runEventUpgrade } from './event-upgrade';
import { NotificationListener } from './notification-listener';
import { decodePosition } from './position';
import { setupEventStoreSchema } from './schema';
import { StreamHeads } from './stream-heads';

export type PostgresEventStoreOptions = Readonly<{
  /** Schema of the `events` table; create it with setupEventStoreSchema. Default "public". */
  schema?: string;
  /** A subscription reads again after this long without a notification. Default 500 ms. */
  pollIntervalMs?: number;
  /** Events per read while a subscription catches up. Default 500. */
  batchSize?: number;
  /** Wait before reconnecting a dropped LISTEN connection. Default 1000 ms. */
  reconnectDelayMs?: number;
}>;

/** Unique violations (a revision or an event id taken) and deadlocks: a concurrent append got there first. */
const WRITE_CONFLICT_CODES = new Set(['23505', '40P01']);
const MAX_REVISION = '9223372036854775807';

/**
 * The default adapter. How $all is ordered, and why: docs/adr/0002-postgres-event-ordering.md.
 * `connection`: a pool the caller owns (close() leaves it open), or a URL (the store then makes its
 * own pool and ends it on close()). The table must exist: see setupEventStoreSchema, or use open().
 */
export class PostgresEventStore implements EventStore, UpgradableEventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly table: EventTable;
  private readonly subscriptions: SubscriptionRegistry;
  private readonly listener: NotificationListener;
  private readonly notifier: CoalescedNotifier;
  private readonly heads = new StreamHeads();

  /** Sets the schema up (idempotent) and returns the store on it. */
  static async open(connection: Pool | string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(connection, options);
    try {
      await setupEventStoreSchema(store.pool, options.schema);
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  constructor(
    connection: Pool | string,
    { schema, pollIntervalMs = 500, batchSize = 500, reconnectDelayMs = 1000 }: PostgresEventStoreOptions = {},
  ) {
    this.ownsPool = typeof connection === 'string';
    this.pool = typeof connection === 'string' ? new Pool({ connectionString: connection, connectionTimeoutMillis: 10_000 }) : connection;
    // An idle pooled connection died (e.g. a server restart): the pool drops it; without a listener Node would crash.
    if (this.ownsPool) this.pool.on('error', () => undefined);
    this.table = eventTable(schema);
    this.subscriptions = new SubscriptionRegistry({ readAll: (options) => this.readAll(options), batchSize, pollIntervalMs });
    this.notifier = new CoalescedNotifier(this.pool, this.table.channel);
    this.listener = new NotificationListener(this.pool, this.table.channel, () => this.subscriptions.wakeAll(), reconnectDelayMs);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    // A checked-out client, not pool.query: pg destroys the connection of a pool.query that fails,
    // and conflicts are an ordinary outcome here.
    const client = await this.pool.connect();
    try {
      for (;;) {
        const result = await this.tryAppend(client, streamId, events, expected);
        if (result) {
          this.subscriptions.wakeAll();
          this.notifier.notify();
          return result;
        }
        // Only an "any" append that lost a race gets here (any other refusal throws). "Any" means no
        // concurrency error, so it tries again on the new head; each round, some writer wins.
        await sleep(Math.random() * 5);
      }
    } finally {
      client.release();
    }
  }

  /**
   * One statement for the whole batch. The requests it did not store are explained one by one, as `append` explains
   * a refusal. A conflict with a concurrent writer fails the statement as a whole: then each request is appended on its
   * own, so that only the ones concerned are refused.
   */
  async appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    assertValidAppendMany(requests);
    if (requests.length === 0) return [];
    const client = await this.pool.connect();
    let stored: Map<string, AppendResult>;
    try {
      const chained = await this.heads.chainMany(client, this.table, requests);
      const ready = requests.flatMap(({ streamId }, index) => {
        const append = chained[index];
        return append ? [{ streamId, ...append }] : [];
      });
      stored = await insertManyEvents(client, this.table, ready);
      this.heads.remember(
        ready.flatMap(({ streamId, events }) => {
          const result = stored.get(streamId);
          return result ? [headAfter(streamId, result, events)] : [];
        }),
      );
      for (const { streamId } of requests) if (!stored.has(streamId)) this.heads.forget(streamId);
    } catch (error) {
      if (!(error instanceof DatabaseError && WRITE_CONFLICT_CODES.has(error.code ?? ''))) throw error;
      return appendEach(this, requests);
    } finally {
      client.release();
    }
    if (stored.size > 0) {
      this.subscriptions.wakeAll();
      this.notifier.notify();
    }
    return Promise.all(
      requests.map(({ streamId, events, expected }) => {
        const result = stored.get(streamId);
        return result ? { ok: true as const, result } : appendOutcome(() => this.append(streamId, events, expected));
      }),
    );
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>(streamIds.map((streamId) => [streamId, []]));
    if (streamIds.length === 0) return streams;
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.table.name} WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_revision`,
      [streamIds],
    );
    for (const row of rows) streams.get(row.stream_id)?.push(toRecordedEvent(row));
    this.heads.remember([...streams.values()].flatMap((events) => events.slice(-1)));
    return streams;
  }

  /** One autocommitted statement; on a refusal or a conflict, what explains it (undefined: try again). */
  private async tryAppend(client: PoolClient, streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) {
    try {
      const chained = await this.heads.chain(client, this.table, streamId, events, expected);
      const inserted = chained && (await insertEvents(client, this.table, streamId, chained));
      if (chained && inserted) {
        this.heads.remember([headAfter(streamId, inserted, chained.events)]);
        return inserted;
      }
      // The next try looks the head up again: the one this process knew is not the stream's.
      this.heads.forget(streamId);
    } catch (error) {
      // A concurrent writer took the revision (or these ids): the explanation below says which.
      if (!(error instanceof DatabaseError && WRITE_CONFLICT_CODES.has(error.code ?? ''))) throw error;
      this.heads.forget(streamId);
    }
    return explainRefusal(client, this.table, streamId, events, expected);
  }

  async readStream(streamId: string, { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const forwards = direction === 'forwards';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.table.name}
       WHERE stream_id = $1 AND stream_revision ${forwards ? '>=' : '<='} $2
       ORDER BY stream_revision ${forwards ? 'ASC' : 'DESC'}
       LIMIT $3`,
      [streamId, fromRevision ?? (forwards ? 0 : MAX_REVISION), maxCount ?? null],
    );
    const events = rows.map(toRecordedEvent);
    // A read to the stream's end shows its head.
    const head = forwards ? (maxCount === undefined ? events.at(-1) : undefined) : fromRevision === undefined ? events[0] : undefined;
    if (head) this.heads.remember([head]);
    return events;
  }

  /** Every committed event, including those $all does not show yet (a lower transaction is still running). */
  async countAll(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(`SELECT count(*) FROM ${this.table.name}`);
    return Number(rows[0].count);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.readAllRows<EventRow>(EVENT_COLUMNS, options)).map(toRecordedEvent);
  }

  /** Data and metadata as PostgreSQL renders jsonb: the text canonicalJson writes, without a parse per event. */
  async readAllText(options: ReadAllOptions): Promise<EventText[]> {
    return (await this.readAllRows<TextRow>(TEXT_COLUMNS, options)).map(toEventText);
  }

  readChainLinks(options: ReadAllOptions): Promise<EventText[]> {
    return this.readAllText(options);
  }

  /** Runs an upgrade step that rewrites stored events (event-upgrade.ts); this process forgets the heads it changed. */
  async upgrade(upgrade: EventUpgrade): Promise<Rehashed[]> {
    const rehashed = await runEventUpgrade(this.pool, this.table, upgrade);
    for (const { streamId } of rehashed) this.heads.forget(streamId);
    return rehashed;
  }

  /** A page of $all in commit-safe order (ADR 0002): only rows of transactions older than every running one. */
  private async readAllRows<Row extends QueryResultRow>(columns: string, { after = 0n, limit }: ReadAllOptions): Promise<Row[]> {
    const { transactionId, globalPosition } = decodePosition(after);
    const { rows } = await this.pool.query<Row>(
      // ORDER BY names the table's columns: a bare "transaction_id" would mean the text output column
      // of the selected columns, and '1001' sorts before '999' (found by the worker crash test).
      `SELECT ${columns} FROM ${this.table.name} AS e
       WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
       ORDER BY e.transaction_id, e.global_position
       LIMIT $3`,
      [transactionId.toString(), globalPosition.toString(), limit],
    );
    return rows;
  }

  subscribeAll(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Subscription {
    this.listener.start();
    return this.subscriptions.start(after, handler, onError);
  }

  /** False as well when the database does not answer within the deadline (an exhausted pool, a dead host). */
  async ping(deadlineMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    const answer = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.listener.close();
    await this.notifier.drain();
    if (this.ownsPool) await this.pool.end();
  }
}

/** A stream's head once an append landed: its last revision, and the hash of its last event. */
const headAfter = (streamId: string, { nextExpectedRevision }: AppendResult, events: readonly { hash: string }[]) => ({
  streamId,
  revision: nextExpectedRevision,
  hash: events[events.length - 1].hash,
});
