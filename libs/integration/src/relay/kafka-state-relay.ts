import type { EventStore, RecordedEvent } from '@ledgerline/event-store';
import type { Projection } from '@ledgerline/projections';
import type { Admin, Producer } from 'kafkajs';
import type { OutboundMessage } from '../contracts/cloud-event';
import { STATE_TOPICS } from '../contracts/state-contracts';
import { STATE_EVENT_TYPES, stateMessage, stateStreamOf } from '../contracts/state-messages';
import { createMissingTopics } from './kafka-client';
import type { RelayOptions } from './kafka-relay';
import { ProjectionPublisher } from './projection-publisher';

/** Streams read at once per batch: enough to hide the round trips, few enough to leave the pool to the others. */
const STREAMS_READ_AT_ONCE = 4;

/** Only the latest message per key is kept: the topic holds each record's current state, whatever its age. */
const COMPACTED = { 'cleanup.policy': 'compact' };

/**
 * Publishes the latest public state of every record a batch changed to its kind's compacted state topic
 * (crm.customer.state.v1...), as the relay does for events: run as a projection, checkpoint after the broker
 * acknowledged, at least once, in order per key. Nothing is kept in memory between batches: each touched record's
 * stream is read and folded by the domain's evolve, so the state is the store's, at least as new as the batch.
 */
export class KafkaStateRelay implements Projection {
  readonly name = 'kafka-state-relay';
  readonly version = 1;
  readonly eventTypes = STATE_EVENT_TYPES;
  readonly tables: readonly string[] = [];
  private readonly publisher: ProjectionPublisher;

  constructor(
    producer: Producer,
    private readonly store: Pick<EventStore, 'readStream'>,
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
    const streams = [...lastInBatch];
    const messages: OutboundMessage[] = [];
    for (let start = 0; start < streams.length; start += STREAMS_READ_AT_ONCE) {
      const read = await Promise.all(
        streams.slice(start, start + STREAMS_READ_AT_ONCE).map(([stream, revision]) => this.state(stream, revision)),
      );
      messages.push(...read.filter((message): message is OutboundMessage => message !== undefined));
    }
    await this.publisher.publish(messages);
  }

  close(): void {
    this.publisher.close();
  }

  /**
   * The record's state, unless a later batch will publish it anyway: when its newest event is past this batch and
   * changes the published state, that event's batch reads the stream then. Catching up, a record's stream is so read
   * once, not once per batch that touched it.
   */
  private async state(stream: string, lastInBatch: number): Promise<OutboundMessage | undefined> {
    const [newest] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (newest && newest.revision > lastInBatch && stateStreamOf(newest) !== undefined) return undefined;
    return stateMessage(stream, await this.store.readStream(stream));
  }
}
