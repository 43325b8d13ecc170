import { setTimeout as sleep } from 'node:timers/promises';
import type { Producer, TopicMessages } from 'kafkajs';
import type { OutboundMessage } from '../contracts/cloud-event';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
const CLOUD_EVENTS_JSON = 'application/cloudevents+json';

/** Raised when a publisher waiting for the broker is asked to stop. */
export class PublishingStopped extends Error {
  constructor() {
    super('publishing stopped while waiting for the broker');
    this.name = 'PublishingStopped';
  }
}

/** Messages as one produce request: per topic, in the given order, so that order per key (partition) holds. */
export function produceRequest(messages: readonly OutboundMessage[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages['messages']>();
  for (const message of messages) {
    const list = byTopic.get(message.topic) ?? [];
    list.push(
      message.value === null
        ? { key: message.key, value: null, headers: message.headers }
        : { key: message.key, value: JSON.stringify(message.value), headers: { ...message.headers, 'content-type': CLOUD_EVENTS_JSON } },
    );
    byTopic.set(message.topic, list);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
}

/** Sends the messages until the broker acknowledged them all: sendAcknowledged of their produce request. */
export async function publishAcknowledged(
  producer: Producer,
  messages: readonly OutboundMessage[],
  stopping: AbortSignal,
  log: (message: string) => void,
): Promise<void> {
  await sendAcknowledged(producer, produceRequest(messages), stopping, log);
}

/**
 * Sends until the broker acknowledged it all (acks=all), waiting out an outage with doubling backoff
 * (0.25 s up to 30 s), never skipping; gives up only when `stopping` is aborted.
 */
export async function sendAcknowledged(
  producer: Producer,
  batch: readonly TopicMessages[],
  stopping: AbortSignal,
  log: (message: string) => void,
): Promise<void> {
  if (batch.length === 0) return;
  for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)) {
    try {
      await producer.sendBatch({ topicMessages: [...batch], acks: -1 });
      return;
    } catch (error) {
      if (stopping.aborted) throw new PublishingStopped();
      log(`publishing failed (${error instanceof Error ? error.message : String(error)}); retrying in ${backoff} ms`);
      await sleep(backoff, undefined, { signal: stopping }).catch(() => {
        throw new PublishingStopped();
      });
    }
  }
}
