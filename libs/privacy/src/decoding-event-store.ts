import { schemaVersionOf, upcastEvent } from '@ledgerline/domain';
import type {
  AppendRequest,
  ChainLink,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscriptionHandler,
} from '@ledgerline/event-store';
import type { PersonalDataSealer } from './personal-data-sealer';

/**
 * The event store as the rest of the system reads it: personal fields revealed (or ERASED), then every event
 * upcast to its type's current version, so projections, as-of reads, the relay and the export see one shape.
 * Appends pass through (the codec seals before it appends); chain links stay the stored bytes, which verification
 * needs and which never hold plaintext personal data of a sealing version.
 */
export class DecodingEventStore implements EventStore {
  constructor(
    private readonly stored: EventStore,
    private readonly sealer: PersonalDataSealer,
  ) {}

  private async decode(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    return (await this.sealer.reveal(events)).map((event) => {
      const current = schemaVersionOf(event.type);
      return event.schemaVersion === current
        ? event
        : { ...event, data: upcastEvent(event.type, event.schemaVersion, event.data), schemaVersion: current };
    });
  }

  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) {
    return this.stored.append(streamId, events, expected);
  }

  appendMany(requests: readonly AppendRequest[]) {
    return this.stored.appendMany(requests);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.decode(await this.stored.readStream(streamId, options));
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = [...(await this.stored.readStreams(streamIds))];
    // One reveal for all of them: one look-up of the subjects' keys.
    const decoded = await this.decode(streams.flatMap(([, events]) => events));
    let next = 0;
    return new Map(streams.map(([streamId, events]) => [streamId, decoded.slice(next, (next += events.length))]));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.decode(await this.stored.readAll(options));
  }

  readChainLinks(options: ReadAllOptions): Promise<ChainLink[]> {
    return this.stored.readChainLinks(options);
  }

  countAll(): Promise<number | undefined> {
    return this.stored.countAll();
  }

  subscribeAll(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Subscription {
    return this.stored.subscribeAll(after, async (event) => handler((await this.decode([event]))[0]), onError);
  }

  ping(): Promise<boolean> {
    return this.stored.ping();
  }

  close(): Promise<void> {
    return this.stored.close();
  }
}
