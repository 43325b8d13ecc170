import { schemaVersionOf, type Event } from '@ledgerline/domain';
import type { EventToAppend, RecordedEvent } from '@ledgerline/event-store';
import { v5 as uuidv5, v4 as uuidv4 } from 'uuid';
import type { Actor, CommandContext } from './command-context';

/** The metadata every stored event carries (recordedAt is the store's own column). */
export type EventMetadata = Readonly<{
  actor: Actor;
  correlationId: string;
  causationId: string;
  idempotencyKey?: string;
  occurredAt: string;
  source: string;
  /** Whose personal data the events hold (a customer's id): the store seals them with that subject's key (libs/privacy). */
  dataSubject?: string;
}>;

const EVENT_ID_NAMESPACE = '0d2f2c7e-6f7b-4d0e-9a51-6b2f3c1f8a90';

/** An idempotency key belongs to the caller who sent it: two callers' keys never collide. */
const keyedName = (context: CommandContext, ...parts: string[]): string | undefined =>
  context.idempotencyKey === undefined ? undefined : [context.actor.type, context.actor.id, context.idempotencyKey, ...parts].join('\n');

/**
 * The id of a record created without a client-chosen id. With an idempotency key it is derived
 * from it, so a retry after a crash (the first answer lost) lands on the same record.
 */
export function newRecordId(kind: string, context: CommandContext): string {
  const name = keyedName(context, 'new', kind);
  return name === undefined ? uuidv4() : uuidv5(name, EVENT_ID_NAMESPACE);
}

/**
 * The one place domain events become events to store: ids, the schema version of each type, and the metadata.
 * Sealing personal data and upcasting older versions happen at the store's boundary (ProtectedEventStore).
 */
export class EventCodec {
  /**
   * With an idempotency key the ids are derived from it, so replaying the command yields
   * the same ids and the runner (and the store) can recognise it as already applied.
   */
  eventId(streamId: string, index: number, context: CommandContext): string {
    const name = keyedName(context, streamId, String(index));
    return name === undefined ? uuidv4() : uuidv5(name, EVENT_ID_NAMESPACE);
  }

  /** `dataSubject`: whose personal data the events hold, from the record's state (dataSubjectOf). */
  encode(streamId: string, events: readonly Event[], context: CommandContext, dataSubject?: string): EventToAppend[] {
    const metadata: EventMetadata = {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      occurredAt: context.now.toISOString(),
      source: context.source,
      ...(dataSubject === undefined ? {} : { dataSubject }),
    };
    return events.map((event, index) => ({
      id: this.eventId(streamId, index, context),
      type: event.type,
      schemaVersion: schemaVersionOf(event.type),
      data: event.data as Record<string, unknown>,
      metadata,
    }));
  }

  decode<E extends Event>(recorded: RecordedEvent): E {
    return { type: recorded.type, data: recorded.data } as unknown as E;
  }
}
