import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { deadLetterTopic } from './inbound-messages';
import type { InboundRejection } from './inbound-rejection';

/** Headers Ledgerline adds to a dead-lettered record; everything else is the original record, byte for byte. */
export const DLQ_HEADERS = [
  'dlq-reason',
  'dlq-error-type',
  'dlq-error-code',
  'dlq-original-topic',
  'dlq-original-partition',
  'dlq-original-offset',
  'dlq-failed-at',
] as const;

/** Header values fit in a log line and a Kafka header, whatever the validator had to say. */
const MAX_REASON = 2_000;

/** The original record (key, value, headers) for `<topic>.dlq`, with why and where it failed. */
export function deadLetter(
  topic: string,
  partition: number,
  record: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>,
  rejection: InboundRejection,
  failedAt: Date,
): { topic: string; message: Message } {
  const original: IHeaders = Object.fromEntries(
    Object.entries(record.headers ?? {}).filter(([name]) => !(DLQ_HEADERS as readonly string[]).includes(name)),
  );
  const added: Record<(typeof DLQ_HEADERS)[number], string> = {
    'dlq-reason': rejection.message.slice(0, MAX_REASON),
    'dlq-error-type': rejection.kind,
    'dlq-error-code': rejection.code,
    'dlq-original-topic': topic,
    'dlq-original-partition': String(partition),
    'dlq-original-offset': record.offset,
    'dlq-failed-at': failedAt.toISOString(),
  };
  return { topic: deadLetterTopic(topic), message: { key: record.key, value: record.value, headers: { ...original, ...added } } };
}
