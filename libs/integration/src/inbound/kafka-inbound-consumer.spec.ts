import type { Consumer, ConsumerRunConfig, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { ConcurrentModification } from '@ledgerline/application';
import type { InboundHandler } from './inbound-handler';
import { InboundRejection } from './inbound-rejection';
import { KafkaInboundConsumer } from './kafka-inbound-consumer';

const record = (offset: string, key = 'k'): KafkaMessage =>
  ({ key: Buffer.from(key), value: Buffer.from('{}'), headers: {}, offset, timestamp: '0', attributes: 0 }) as KafkaMessage;

type Handle = (offset: string) => Promise<void> | void;

/** Runs one batch of records through the consumer, with a handler doing what `handle` does per record. */
async function oneBatch(records: KafkaMessage[], handle: Handle, concurrency = 1) {
  let run: ConsumerRunConfig | undefined;
  const consumer = {
    events: { CRASH: 'consumer.crash' },
    on: () => () => undefined,
    subscribe: async () => undefined,
    run: async (config: ConsumerRunConfig) => {
      run = config;
    },
  } as unknown as Consumer;
  const sent: unknown[] = [];
  const producer = { send: async (request: unknown) => sent.push(request) } as unknown as Producer;
  const handled: string[] = [];
  const handler = {
    handle: async (_topic: string, message: KafkaMessage) => {
      handled.push(message.offset);
      await handle(message.offset);
      return { message: { type: 'billing.invoice.paid.v1', id: message.offset }, customerId: 'c', appended: 1 };
    },
  } as unknown as InboundHandler;
  const quiet = { log: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
  await new KafkaInboundConsumer(consumer, producer, handler, quiet, concurrency).start();
  const resolved: string[] = [];
  const done = run?.eachBatch?.({
    batch: { topic: 'billing.invoice.v1', partition: 1, messages: records },
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: async () => undefined,
    commitOffsetsIfNecessary: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload);
  return { handled, resolved, sent, done, partitionsAtOnce: run?.partitionsConsumedConcurrently };
}

/** Answers as told per offset, in turn: a function throws, nothing answers normally. */
const scripted =
  (answers: Record<string, (() => never)[]>): Handle =>
  (offset) =>
    answers[offset]?.shift()?.();

const tick = () => new Promise((settled) => setImmediate(settled));

describe('the inbound consumer', () => {
  it('retries a transient failure with backoff, and never dead-letters it', async () => {
    const storeAway = () => {
      throw new ConcurrentModification('customer-c', 10);
    };
    const batch = await oneBatch([record('7'), record('8')], scripted({ '7': [storeAway, storeAway] }));
    await batch.done;
    expect(batch.handled).toEqual(['7', '7', '7', '8']);
    expect(batch.resolved).toEqual(['7', '8']);
    expect(batch.sent).toEqual([]);
  });

  it('dead-letters a rejected record once and moves on to the next', async () => {
    const refused = () => {
      throw InboundRejection.rejected('customer-archived', 'Customer c is archived');
    };
    const batch = await oneBatch([record('7'), record('8')], scripted({ '7': [refused] }));
    await batch.done;
    expect(batch.handled).toEqual(['7', '8']);
    expect(batch.resolved).toEqual(['7', '8']);
    expect(batch.sent).toEqual([
      expect.objectContaining({
        topic: 'billing.invoice.v1.dlq',
        acks: -1,
        messages: [expect.objectContaining({ headers: expect.objectContaining({ 'dlq-error-code': 'customer-archived' }) })],
      }),
    ]);
  });

  it('applies records of different customers at once, one customer’s in turn, and commits only below the one in flight', async () => {
    let releaseSeven: () => void = () => undefined;
    const sevenStored = new Promise<void>((release) => (releaseSeven = release));
    const batch = await oneBatch(
      [record('7', 'cus_A'), record('8', 'cus_B'), record('9', 'cus_A')],
      (offset) => (offset === '7' ? sevenStored : undefined),
      4,
    );
    await tick();
    expect(batch.handled).toEqual(['7', '8']);
    expect(batch.resolved).toEqual([]);
    releaseSeven();
    await batch.done;
    expect(batch.handled).toEqual(['7', '8', '9']);
    expect(batch.resolved).toEqual(['8', '9']);
    expect(batch.partitionsAtOnce).toBe(4);
  });
});
