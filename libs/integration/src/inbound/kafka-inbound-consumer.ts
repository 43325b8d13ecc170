import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { BatchProgress } from './batch-progress';
import { ConcurrencyLimit } from './concurrency-limit';
import { deadLetter } from './dead-letter';
import type { InboundHandler, InboundOutcome } from './inbound-handler';
import { INBOUND_TOPICS } from './inbound-messages';
import { InboundRejection } from './inbound-rejection';
import { RecordLanes } from './record-lanes';
import { recordIdentities } from './record-identities';

export const INBOUND_GROUP_ID = 'ledgerline-inbound';

export type InboundLog = Readonly<{
  log: (message: string) => void;
  debug: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
}>;

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
/** Well below the session timeout (30 s): a long wait for the store does not cost the partitions. */
const HEARTBEAT_EVERY_MS = 3_000;
/** While a batch's records run: how often its settled offsets may be committed (and the group told we are alive). */
const COMMIT_EVERY_MS = 1_000;
/** Retries past this many are logged as errors: somebody should look. */
const ATTEMPTS_BEFORE_ERROR = 5;

const where = (topic: string, partition: number, offset: string) => `${topic}[${partition}]@${offset}`;

const effectOf = ({ message, customerId, appended }: InboundOutcome): string =>
  customerId === undefined
    ? `${message.type} ${message.id}: acknowledged, nothing to change`
    : `${message.type} ${message.id} → customer ${customerId}: ${appended === 0 ? 'no change (applied before, or nothing differs)' : `${appended} event(s)`}`;

/**
 * Reads the ERP and billing topics as one consumer group, partitions concurrently, and within a partition the
 * records of different customers concurrently (RecordLanes keeps one customer's records in the order of the
 * partition; ConcurrencyLimit bounds the records in flight over all partitions). A partition's offset is
 * committed only up to its watermark: the last offset below which every record's effect is stored (or it is in
 * the dead-letter queue), so a crash delivers again only records whose id (the idempotency key of their commands)
 * makes the second delivery change nothing. Records that can never succeed go to `<topic>.dlq` and the partition
 * moves on; anything else (the store or the broker away, writers in conflict) is retried with backoff, holding
 * that record's customer and the watermark, never skipping.
 */
export class KafkaInboundConsumer {
  private readonly stopping = new AbortController();
  private readonly inFlight: ConcurrencyLimit;

  constructor(
    private readonly consumer: Consumer,
    private readonly producer: Producer,
    private readonly handler: InboundHandler,
    private readonly logger: InboundLog,
    private readonly concurrency = 1,
  ) {
    this.inFlight = new ConcurrencyLimit(concurrency);
  }

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      this.logger.error(`Inbound consumer crashed (${payload.error.message}); ${payload.restart ? 'restarting' : 'not restarting'}`),
    );
    await this.consumer.subscribe({ topics: [...INBOUND_TOPICS], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      // kafkajs caps this at the partitions assigned; the records in flight are bounded by `concurrency` anyway.
      partitionsConsumedConcurrently: this.concurrency,
      // Only settled records are resolved; committing them every 100 records or second (and at the end of a
      // batch) spares a broker round trip per record. A restart replays at most those, and they change nothing.
      autoCommitThreshold: 100,
      autoCommitInterval: 1_000,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Lets a record waiting for the store give up (it stays uncommitted), then leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async eachBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const lanes = new RecordLanes();
    const progress = new BatchProgress(
      batch.messages.map((record) => record.offset),
      resolveOffset,
      () => isRunning() && !isStale() && !this.stopping.signal.aborted,
    );
    const settling = Promise.all(
      batch.messages.map((record) =>
        lanes.run(recordIdentities(record), () =>
          this.inFlight.run(() => this.settleInTurn(batch.topic, batch.partition, record, progress, heartbeat)),
        ),
      ),
    );
    await this.whileHeartbeating(settling, async () => {
      await heartbeat();
      await commitOffsetsIfNecessary();
    }).catch(async (error: unknown) => {
      progress.halt(); // a rebalance: finish what runs, start nothing more, let kafkajs rejoin
      await settling;
      throw error;
    });
  }

  private async settleInTurn(
    topic: string,
    partition: number,
    record: KafkaMessage,
    progress: BatchProgress,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    if (!progress.mayStart()) return;
    if (await this.settle(topic, partition, record, heartbeat)) progress.settled(record.offset);
    else progress.halt();
  }

  /** Runs `beat` every HEARTBEAT_EVERY_MS until `work` is done; rejects when a beat does (the group rebalances). */
  private async whileHeartbeating(work: Promise<unknown>, beat: () => Promise<void>): Promise<void> {
    while (!(await Promise.race([work.then(() => true), sleep(COMMIT_EVERY_MS).then(() => false)]))) await beat();
  }

  /** True once the record had its effect or is dead-lettered; false when the consumer stops first. */
  private async settle(topic: string, partition: number, record: KafkaMessage, heartbeat: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.process(topic, partition, record);
        return true;
      } catch (error) {
        if (this.stopping.signal.aborted) return false;
        const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
        const report = attempt >= ATTEMPTS_BEFORE_ERROR ? this.logger.error : this.logger.warn;
        report(
          `${where(topic, partition, record.offset)} failed (${error instanceof Error ? error.message : String(error)}); ` +
            `attempt ${attempt}, retrying in ${delay} ms`,
        );
        if (!(await this.wait(delay, heartbeat))) return false;
      }
    }
  }

  private async process(topic: string, partition: number, record: KafkaMessage): Promise<void> {
    const at = where(topic, partition, record.offset);
    try {
      this.logger.debug(`${at}: ${effectOf(await this.handler.handle(topic, record))}`);
    } catch (error) {
      const rejection = InboundRejection.of(error);
      if (!rejection) throw error;
      const dead = deadLetter(topic, partition, record, rejection, new Date());
      await this.producer.send({ topic: dead.topic, messages: [dead.message], acks: -1 });
      this.logger.warn(`${at} sent to ${dead.topic}: ${rejection.kind} (${rejection.code}): ${rejection.message}`);
    }
  }

  /** Sleeps, heartbeating so the group keeps the partition; false if the consumer stops or the group rebalances meanwhile. */
  private async wait(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    for (let left = ms; left > 0; left -= HEARTBEAT_EVERY_MS) {
      try {
        await sleep(Math.min(left, HEARTBEAT_EVERY_MS), undefined, { signal: this.stopping.signal });
        await heartbeat();
      } catch {
        return false;
      }
    }
    return true;
  }
}
