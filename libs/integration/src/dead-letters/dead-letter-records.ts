import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { deadLetterTopic } from '../inbound/inbound-messages';

/** A record of a dead-letter topic, with its headers as text (they are all text: ours and the producer's). */
export type DeadLetterRecord = Readonly<{
  dlqTopic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Readonly<Record<string, string>>;
}>;

/** `partition:offset`, how operators name a dead letter. */
export const deadLetterAddress = ({ partition, offset }: Pick<DeadLetterRecord, 'partition' | 'offset'>): string =>
  `${partition}:${offset}`;

/** The dead-letter topic an operator means: `billing.invoice.v1` and `billing.invoice.v1.dlq` both name it. */
export const dlqTopicNamed = (topic: string): string => (topic.endsWith('.dlq') ? topic : deadLetterTopic(topic));

const textHeaders = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, (Array.isArray(value) ? value[0] : value).toString()]],
    ),
  );

/**
 * Every record a dead-letter topic holds now, oldest first per partition. A group of its own that never commits
 * reads them, so reading changes nothing for anyone (DLQs are small; this reads the whole topic).
 */
export async function readDeadLetters(kafka: Kafka, dlqTopic: string, timeoutMs = 60_000): Promise<DeadLetterRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(dlqTopic).finally(() => admin.disconnect());
  const unread = new Map(
    ends.filter(({ low, high }) => BigInt(high) > BigInt(low)).map(({ partition, high }) => [partition, BigInt(high)]),
  );
  const records: DeadLetterRecord[] = [];
  if (unread.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `ledgerline-dlq-reader-${randomUUID()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    let allRead: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allRead = resolve));
    await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = unread.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        records.push({
          dlqTopic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: textHeaders(message.headers),
        });
        if (BigInt(message.offset) + 1n >= end) unread.delete(partition);
        if (unread.size === 0) allRead();
      },
    });
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`could not read ${dlqTopic} to its end within ${timeoutMs / 1000} s`)), timeoutMs).unref(),
    );
    await Promise.race([done, timer]);
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await consumer.disconnect();
  }
}
