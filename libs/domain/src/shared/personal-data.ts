import type { Event } from './decider';
import type { Upcaster } from './upcasting';

/** What a personal field reads as once its data subject is erased (the key that sealed it is destroyed). */
export const ERASED = '[erased]';

/**
 * The first schema version of an event type that stores its personal fields sealed (libs/privacy); an older event
 * holds them in plaintext, as it was written before sealing existed.
 */
export const SEALED_SINCE_VERSION = 2;

/**
 * Where a record kind's events hold personal data, and whose it is.
 * A path names a field of the event's data: `a.b` descends into an object, `*` stands for each key of one.
 */
export type PersonalData<E extends Event, S> = Readonly<{
  /** The data subject of a record in state S (a customer's id): the key its personal fields are sealed with. */
  subjectOf: (state: S) => string | undefined;
  fields: Readonly<Partial<Record<E['type'], readonly string[]>>>;
}>;

/** Both sides of a change to each field: `changes.name.from`, `changes.name.to`. */
export const changesOf = (...fields: readonly string[]): string[] =>
  fields.flatMap((field) => [`changes.${field}.from`, `changes.${field}.to`]);

/**
 * The upcaster from v1 to v2 of an event type with personal fields: v1 held them in plaintext, v2 holds them sealed,
 * and once revealed (before any upcaster runs) both have the same shape.
 */
export const sealedInVersion2: Upcaster = (data) => data;
