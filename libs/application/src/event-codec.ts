import type { Event } from '@ledgerline/domain';
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
}>;

const EVENT_ID_NAMESPACE = '0d2f2c7e-6f7b-4d0e-9a51-6b2f3c1f8a90';

/**
 * The one place events cross between the domain and the store. Upcasting of older schema
 * versions and encryption of personal data belong here and nowhere else.
 */
export class EventCodec {
  static readonly SCHEMA_VERSION = 1;

  /**
   * With an idempotency key the ids are derived from it, so replaying the command yields
   * the same ids and the runner (and the store) can recognise it as already applied.
   */
  eventId(streamId: string, index: number, context: CommandContext): string {
    return context.idempotencyKey ? uuidv5(`${context.idempotencyKey}\n${streamId}\n${index}`, EVENT_ID_NAMESPACE) : uuidv4();
  }

  encode(streamId: string, events: readonly Event[], context: CommandContext): EventToAppend[] {
    const metadata: EventMetadata = {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      occurredAt: context.now.toISOString(),
      source: context.source,
    };
    return events.map((event, index) => ({
      id: this.eventId(streamId, index, context),
      type: event.type,
      schemaVersion: EventCodec.SCHEMA_VERSION,
      data: event.data as Record<string, unknown>,
      metadata,
    }));
  }

  decode<E extends Event>(recorded: RecordedEvent): E {
    return { type: recorded.type, data: recorded.data } as unknown as E;
  }
}
