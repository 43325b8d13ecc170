import type { EventStore, RecordedEvent } from '@ledgerline/event-store';
import type { Projection } from '@ledgerline/projections';
import type { Admin, Producer } from 'kafkajs';
import type { OutboundMessage } from '../contracts/cloud-event';
import { STATE_TOPICS } from '../contracts/state-contracts';
import { STATE_EVENT_TYPES, stateMessage, stateStreamOf } from '../contracts/state-messages';
import { createMissingTopics } from './kafka-client';
import type { RelayOptions } from './kafka-relay';
import { ProjectionPublisher } from './projection-publisher';
import { produceRequest } from './publish';

/** Only the latest message per key is kept: the topic holds each record's current state, whatever its age. */
const COMPACTED = { 'cleanup.policy': 'compact' };

/**
 * Publishes the latest public state of every record a batch changed to its kind's compacted state topic
 * (crm.customer.state.v1...), as the relay does for events: run as a projection, checkpoint after the broker
 * acknowledged, at least once, in order per key. Nothing is kept in memory between batches: the touched records'
 * streams are read in one round trip (readStreams) and folded by the domain's evolve, so the state is the store's, at least as new as the batch.
 */
export class KafkaStateRelay implements Projection {
  readonly name = 'kafka-state-relay';
  readonly version = 1;
  readonly eventTypes = STATE_EVENT_TYPES;
  readonly tables: readonly string[] = [];
  private readonly publisher: ProjectionPublisher;

  constructor(
    producer: Producer,
    private readonly store: Pick<EventStore, 'readStreams'>,
    options: RelayOptions,
  ) {
    this.publisher = new ProjectionPublisher(producer, this.name, options.log);
  }

  /** Creates the state topics that do not exist yet, compacted. */
  static createTopics(admin: Admin, options: RelayOptions): Promise<void> {
    return createMissingTopics(admin, STATE_TOPICS, options, COMPACTED);
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const touched = new Set(events.map((event) => stateStreamOf(event)).filter((stream): stream is string => stream !== undefined));
    const lastInBatch = new Map(events.filter((event) => touched.has(event.streamId)).map((event) => [event.streamId, event.revision]));
    const streams = await this.store.readStreams([...lastInBatch.keys()]);
    const messages = [...lastInBatch].flatMap(([stream, revision]) => this.state(stream, revision, streams.get(stream) ?? []) ?? []);
    await this.publisher.publish(produceRequest(messages));
  }

  close(): void {
    this.publisher.close();
  }

  /**
   * The record's state, unless a later batch will publish it anyway: when its newest event is past this batch and
   * changes the published state, that event's batch publishes it then. Catching up, a record is so published once,
   * not once per batch that touched it.
   */
  private state(stream: string, lastInBatch: number, events: readonly RecordedEvent[]): OutboundMessage | undefined {
    const newest = events.at(-1);
    if (newest && newest.revision > lastInBatch && stateStreamOf(newest) !== undefined) return undefined;
    return stateMessage(stream, events);
  }
}
