import type { RecordedEvent } from '@ledgerline/event-store';
import type { Projection } from '@ledgerline/projections';
import type { Admin, Producer, TopicMessages } from 'kafkajs';
import { integrationMessages, PUBLIC_TOPICS, PUBLISHED_EVENT_TYPES } from '../contracts/integration-messages';
import { SEGMENT_TOPIC } from '../contracts/segment-membership.contract';
import { createMissingTopics, type TopicSettings } from './kafka-client';
import { ProjectionPublisher } from './projection-publisher';
import { produceRequest } from './publish';

export type RelayOptions = TopicSettings;

/**
 * The Kafka relay, run as a projection: the runner feeds it $all from its checkpoint and moves the
 * checkpoint only after this handler returned, that is after the broker acknowledged (acks=all,
 * idempotent producer). A crash in between sends the batch again: at least once, consumers
 * deduplicate by the CloudEvent id. A broker that is away is waited for, with backoff, never skipped.
 */
export class KafkaRelay implements Projection {
  readonly name = 'kafka-relay';
  readonly version = 1;
  readonly eventTypes = PUBLISHED_EVENT_TYPES;
  readonly tables: readonly string[] = [];
  private readonly publisher: ProjectionPublisher;
  private readonly prepared = new WeakMap<readonly RecordedEvent[], TopicMessages[]>();

  constructor(producer: Producer, options: RelayOptions) {
    this.publisher = new ProjectionPublisher(producer, this.name, options.log);
  }

  /** Creates the public topics (also the segment topic, fed by the read model) that do not exist yet. */
  static createTopics(admin: Admin, options: RelayOptions): Promise<void> {
    return createMissingTopics(admin, [...PUBLIC_TOPICS, SEGMENT_TOPIC], options);
  }

  /** Maps and serializes a batch while the broker acknowledges the one before it (the runner calls it a batch ahead). */
  prepare(events: readonly RecordedEvent[]): void {
    this.prepared.set(events, KafkaRelay.produceRequest(events));
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    await this.publisher.publish(this.prepared.get(events) ?? KafkaRelay.produceRequest(events));
  }

  private static produceRequest(events: readonly RecordedEvent[]): TopicMessages[] {
    return produceRequest(events.flatMap(integrationMessages));
  }

  /** Lets a batch that waits for the broker give up, so that shutdown is not held hostage by an outage. */
  close(): void {
    this.publisher.close();
  }
}
