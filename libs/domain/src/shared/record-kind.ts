import type { Command, Decider, Event } from './decider';
import type { PersonalData } from './personal-data';
import type { Upcasters } from './upcasting';

/**
 * One declaration per record kind: everything outside the kind's folder that must know the kind
 * (stream ids, readers, history routes, the audit timeline, the Kafka contracts) derives from it.
 */
export type RecordKindDeclaration<Name extends string, C extends Command, E extends Event, S> = Readonly<{
  /** Also the prefix of its streams, `<name>-<id>`: stored streams carry it, so it never changes. */
  name: Name;
  /** The REST collection it lives under, e.g. `deals` for `/v1/deals/:id`. */
  plural: string;
  /** The field of every command and event that holds the record's id (the compiler checks it is in all). */
  idField: keyof E['data'] & keyof C['data'] & string;
  decider: Decider<C, E, S>;
  /** Every event type name of the kind (checked complete by `eventTypeNames`). */
  eventTypes: readonly E['type'][];
  /** Where its events hold personal data (sealed on write, erasable); omitted: they hold none. */
  personalData?: PersonalData<E, S>;
  /** Per event type with older schema versions, how each turns into the next (shared/upcasting.ts). */
  upcasters?: Readonly<Partial<Record<E['type'], Upcasters>>>;
}>;

export const defineRecordKind = <Name extends string, C extends Command, E extends Event, S>(
  declaration: RecordKindDeclaration<Name, C, E, S>,
): RecordKindDeclaration<Name, C, E, S> => Object.freeze(declaration);
