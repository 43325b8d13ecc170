import { readsAsStored, upcastEvent } from '@ledgerline/domain';
import { eventOfText, eventTextOf, isUpgradable } from '@ledgerline/event-store';
import type {
  AppendOutcome,
  AppendRequest,
  AppendResult,
  EventStore,
  EventText,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Rehashed,
  Subscription,
  SubscriptionHandler,
} from '@ledgerline/event-store';
import type { PersonalDataSealer, SealingRequest } from './personal-data-sealer';
import { plaintextSealing } from './plaintext-sealing';

/** The metadata field in which a writer names whose personal data an append's events hold (a customer's id). */
export const DATA_SUBJECT = 'dataSubject';

const sealingRequest = ({ streamId, events }: Pick<AppendRequest, 'streamId' | 'events'>): SealingRequest => {
  const subject = events[0]?.metadata[DATA_SUBJECT];
  return { streamId, events, subject: typeof subject === 'string' ? subject : undefined };
};

/**
 * The event store as the rest of the system uses it. On append, personal fields are sealed with the key of the data
 * subject the writer names in the metadata (DATA_SUBJECT). On read they are revealed (or read as ERASED), then every
 * event is upcast to its type's current version, so projections, as-of reads, the relay and the export see one
 * shape. Chain links stay the stored bytes, which verification needs and which hold no plaintext personal data.
 * Events as text pass through as stored where that is what readers get, so an export pays no parse for them.
 */
export class ProtectedEventStore implements EventStore {
  constructor(
    private readonly stored: EventStore,
    private readonly sealer: PersonalDataSealer,
  ) {}

  private async decode(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    return (await this.sealer.reveal(events)).map((event) => {
      const current = upcastEvent(event.type, event.schemaVersion, event.data);
      return current.data === event.data && current.schemaVersion === event.schemaVersion ? event : { ...event, ...current };
    });
  }

  /**
   * Seals what was stored in plaintext before sealing (plaintext-sealing.ts), where the store can rewrite its events;
   * returns the events whose hash that changed, for the audit to record ([] when it ran before or there was none).
   */
  sealStoredPlaintext(): Promise<Rehashed[]> {
    return isUpgradable(this.stored) ? this.stored.upgrade(plaintextSealing(this.sealer)) : Promise.resolve([]);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const [sealed] = await this.sealer.seal([sealingRequest({ streamId, events })]);
    return this.stored.append(streamId, sealed, expected);
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    // One look-up (and creation) of the subjects' keys for the whole batch.
    const sealed = await this.sealer.seal(requests.map(sealingRequest));
    return this.stored.appendMany(requests.map((request, index) => ({ ...request, events: sealed[index] })));
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

  async readAllText(options: ReadAllOptions): Promise<EventText[]> {
    const texts = await this.stored.readAllText(options);
    const changed = texts.filter(({ type, schemaVersion }) => !readsAsStored(type, schemaVersion));
    if (changed.length === 0) return texts;
    const decoded = (await this.decode(changed.map(eventOfText))).map(eventTextOf);
    let next = 0;
    return texts.map((text) => (readsAsStored(text.type, text.schemaVersion) ? text : decoded[next++]));
  }

  readChainLinks(options: ReadAllOptions): Promise<EventText[]> {
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
