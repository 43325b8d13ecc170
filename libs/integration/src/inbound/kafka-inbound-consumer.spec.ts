import type { Consumer, ConsumerRunConfig, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { ConcurrentModification } from '@ledgerline/application';
import type { InboundHandler } from './inbound-handler';
import { InboundRejection } from './inbound-rejection';
import { KafkaInboundConsumer } from './kafka-inbound-consumer';

const record = (offset: string): KafkaMessage =>
  ({ key: Buffer.from('k'), value: Buffer.from('{}'), headers: {}, offset, timestamp: '0', attributes: 0 }) as KafkaMessage;

/** Runs one batch of records through the consumer with a handler that answers as told, per offset in turn. */
async function oneBatch(answers: Record<string, (() => never)[]>) {
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
      answers[message.offset]?.shift()?.();
      return { message: { type: 'billing.invoice.paid.v1', id: message.offset }, customerId: 'c', appended: 1 };
    },
  } as unknown as InboundHandler;
  const quiet = { log: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
  await new KafkaInboundConsumer(consumer, producer, handler, quiet).start();
  const resolved: string[] = [];
  await run?.eachBatch?.({
    batch: { topic: 'billing.invoice.v1', partition: 1, messages: Object.keys(answers).map(record) },
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: async () => undefined,
    commitOffsetsIfNecessary: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload);
  return { handled, resolved, sent };
}

describe('the inbound consumer', () => {
  it('retries a transient failure with backoff, and never dead-letters it', async () => {
    const storeAway = () => {
      throw new ConcurrentModification('customer-c', 10);
    };
    const { handled, resolved, sent } = await oneBatch({ '7': [storeAway, storeAway], '8': [] });
    expect(handled).toEqual(['7', '7', '7', '8']);
    expect(resolved).toEqual(['7', '8']);
    expect(sent).toEqual([]);
  });

  it('dead-letters a rejected record once and moves on to the next', async () => {
    const refused = () => {
      throw InboundRejection.rejected('customer-archived', 'Customer c is archived');
    };
    const { handled, resolved, sent } = await oneBatch({ '7': [refused], '8': [] });
    expect(handled).toEqual(['7', '8']);
    expect(resolved).toEqual(['7', '8']);
    expect(sent).toEqual([
      expect.objectContaining({
        topic: 'billing.invoice.v1.dlq',
        acks: -1,
        messages: [expect.objectContaining({ headers: expect.objectContaining({ 'dlq-error-code': 'customer-archived' }) })],
      }),
    ]);
  });
});
