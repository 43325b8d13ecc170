import type { RecordedEvent } from '@ledgerline/event-store';
import { ProjectionStopping, type Projection } from '@ledgerline/projections';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Producer, TopicMessages } from 'kafkajs';
import { integrationMessages, PUBLIC_TOPICS } from '../contracts/integration-messages';
import { createMissingTopics, type TopicSettings } from './kafka-client';
import { EVENT_TYPES } from '@ledgerline/domain';

export type RelayOptions = TopicSettings;

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

const PUBLISHED_TYPES = new Set<string>([...EVENT_TYPES.customer, ...EVENT_TYPES.deal, ...EVENT_TYPES.interaction]);

/** The batch as one produce request: per topic, in log order, so order per key (partition) holds. */
function topicMessages(events: readonly RecordedEvent[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages['messages']>();
  for (const message of events.flatMap(integrationMessages)) {
    const messages = byTopic.get(message.topic) ?? [];
    messages.push({
      key: message.key,
      value: JSON.stringify(message.value),
      headers: { ...message.headers, 'content-type': 'application/cloudevents+json' },
    });
    byTopic.set(message.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * The Kafka relay, run as a projection: the runner feeds it $all from its checkpoint and moves the
 * checkpoint only after this handler returned, that is after the broker acknowledged (acks=all,
 * idempotent producer). A crash in between sends the batch again: at least once, consumers
 * deduplicate by the CloudEvent id. A broker that is away is waited for, with backoff, never skipped.
 */
export class KafkaRelay implements Projection {
  readonly name = 'kafka-relay';
  readonly version = 1;
  readonly eventTypes = PUBLISHED_TYPES;
  readonly tables: readonly string[] = [];
  private readonly closing = new AbortController();

  constructor(
    private readonly producer: Producer,
    private readonly options: RelayOptions,
  ) {}

  /** Creates the public topics that do not exist yet, with the configured partitions and replication. */
  static createTopics(admin: Admin, options: RelayOptions): Promise<void> {
    return createMissingTopics(admin, PUBLIC_TOPICS, options);
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const batch = topicMessages(events);
    if (batch.length === 0) return;
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)) {
      try {
        await this.producer.sendBatch({ topicMessages: batch, acks: -1 });
        return;
      } catch (error) {
        if (this.closing.signal.aborted) throw new ProjectionStopping(this.name);
        this.options.log(
          `Kafka relay: publishing failed (${error instanceof Error ? error.message : String(error)}); retrying in ${backoff} ms`,
        );
        await sleep(backoff, undefined, { signal: this.closing.signal }).catch(() => {
          throw new ProjectionStopping(this.name);
        });
      }
    }
  }

  /** Lets a batch that waits for the broker give up, so that shutdown is not held hostage by an outage. */
  close(): void {
    this.closing.abort();
  }
}
