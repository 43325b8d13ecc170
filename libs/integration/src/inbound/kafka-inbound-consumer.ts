import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { deadLetter } from './dead-letter';
import type { InboundHandler, InboundOutcome } from './inbound-handler';
import { INBOUND_TOPICS } from './inbound-messages';
import { InboundRejection } from './inbound-rejection';

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
/** Retries past this many are logged as errors: somebody should look. */
const ATTEMPTS_BEFORE_ERROR = 5;

const where = (topic: string, partition: number, offset: string) => `${topic}[${partition}]@${offset}`;

const effectOf = ({ message, customerId, appended }: InboundOutcome): string =>
  customerId === undefined
    ? `${message.type} ${message.id}: acknowledged, nothing to change`
    : `${message.type} ${message.id} → customer ${customerId}: ${appended === 0 ? 'no change (applied before, or nothing differs)' : `${appended} event(s)`}`;

/**
 * Reads the ERP and billing topics as one consumer group, a partition's records strictly in turn. A record's
 * offset is committed only once its effect is stored (or it is in the dead-letter queue): a crash before that
 * delivers it again, and its id (the idempotency key of its commands) makes the second delivery change nothing.
 * Records that can never succeed go to `<topic>.dlq` and the partition moves on; anything else (the store or
 * the broker away, writers in conflict) is retried with backoff, holding the partition, never skipping.
 */
export class KafkaInboundConsumer {
  private readonly stopping = new AbortController();

  constructor(
    private readonly consumer: Consumer,
    private readonly producer: Producer,
    private readonly handler: InboundHandler,
    private readonly logger: InboundLog,
  ) {}

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      this.logger.error(`Inbound consumer crashed (${payload.error.message}); ${payload.restart ? 'restarting' : 'not restarting'}`),
    );
    await this.consumer.subscribe({ topics: [...INBOUND_TOPICS], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      // Only stored records are resolved; committing them every 100 records or second (and at the end of a
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
    for (const record of batch.messages) {
      if (!isRunning() || isStale() || this.stopping.signal.aborted) return;
      if (!(await this.settle(batch.topic, batch.partition, record, heartbeat))) return;
      resolveOffset(record.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
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

  /** Sleeps, heartbeating so the group keeps the partition; false if the consumer stops meanwhile. */
  private async wait(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    for (let left = ms; left > 0; left -= HEARTBEAT_EVERY_MS) {
      try {
        await sleep(Math.min(left, HEARTBEAT_EVERY_MS), undefined, { signal: this.stopping.signal });
      } catch {
        return false;
      }
      await heartbeat();
    }
    return true;
  }
}
