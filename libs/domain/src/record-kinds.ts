import { customerKind } from './customer/customer.kind';
import { dealKind } from './deal/deal.kind';
import { interactionKind } from './interaction/interaction.kind';
import { pipelineKind } from './pipeline/pipeline.kind';
import { segmentKind } from './segment/segment.kind';
import { fold, type Command, type Event } from './shared/decider';
import { SEALED_SINCE_VERSION, sealedInVersion2 } from './shared/personal-data';
import type { RecordKindDeclaration } from './shared/record-kind';
import { currentVersionOf, upcastData, type Upcasters } from './shared/upcasting';

/** Every record kind, by name: the one list a new kind is added to. */
export const RECORD_KINDS = {
  customer: customerKind,
  deal: dealKind,
  interaction: interactionKind,
  pipeline: pipelineKind,
  segment: segmentKind,
} as const;

export type RecordKind = keyof typeof RECORD_KINDS;

type DeciderOf<K extends RecordKind> = (typeof RECORD_KINDS)[K]['decider'];
export type CommandOf<K extends RecordKind> = Parameters<DeciderOf<K>['decide']>[0];
export type EventOf<K extends RecordKind> = Parameters<DeciderOf<K>['evolve']>[1];
export type StateOf<K extends RecordKind> = ReturnType<DeciderOf<K>['initialState']>;

export type DomainEvent = EventOf<RecordKind>;
export type DomainCommand = CommandOf<RecordKind>;

export const RECORD_KIND_NAMES = Object.freeze(Object.keys(RECORD_KINDS) as RecordKind[]);

/** Every event type name, per record kind. */
export const EVENT_TYPES = Object.freeze(Object.fromEntries(RECORD_KIND_NAMES.map((kind) => [kind, RECORD_KINDS[kind].eventTypes]))) as {
  readonly [K in RecordKind]: readonly EventOf<K>['type'][];
};

export const isRecordKind = (name: string): name is RecordKind => Object.hasOwn(RECORD_KINDS, name);

/** A record of kind K lives in the stream `K-<id>`. */
export const streamIdOf = (kind: RecordKind, id: string): string => `${kind}-${id}`;

/** The record a stream holds; undefined for streams that are not records' (e.g. internal ones). */
export function parseStreamId(streamId: string): Readonly<{ kind: RecordKind; id: string }> | undefined {
  const dash = streamId.indexOf('-');
  const kind = streamId.slice(0, dash);
  return dash > 0 && isRecordKind(kind) ? { kind, id: streamId.slice(dash + 1) } : undefined;
}

const KIND_OF_EVENT_TYPE: ReadonlyMap<string, RecordKind> = new Map(
  RECORD_KIND_NAMES.flatMap((kind) => RECORD_KINDS[kind].eventTypes.map((type) => [type, kind] as const)),
);

/** The kind whose stream an event type is written to. */
export const recordKindOfEventType = (type: string): RecordKind | undefined => KIND_OF_EVENT_TYPE.get(type);

/** The id of the record an event or command of kind K is about. */
export const recordIdOf = (kind: RecordKind, data: Readonly<Record<string, unknown>>): string => String(data[RECORD_KINDS[kind].idField]);

const KIND_DECLARATIONS = RECORD_KIND_NAMES.map((kind) => RECORD_KINDS[kind] as RecordKindDeclaration<string, Command, Event, unknown>);

/** Event type → the paths of its personal fields (shared/personal-data.ts); types without any are absent. */
export const PERSONAL_FIELDS: ReadonlyMap<string, readonly string[]> = new Map(
  KIND_DECLARATIONS.flatMap((kind) => Object.entries(kind.personalData?.fields ?? {}) as [string, readonly string[]][]),
);

/** Whose personal data a record's events hold, given the record's state; undefined for records that hold none. */
export function dataSubjectOf(streamId: string, state: unknown): string | undefined {
  const record = parseStreamId(streamId);
  return record && (RECORD_KINDS[record.kind] as RecordKindDeclaration<string, Command, Event, unknown>).personalData?.subjectOf(state);
}

/** Whose personal data a record's stream holds, from its events (any stored version), folded by the record's decider. */
export function dataSubjectOfStream(
  streamId: string,
  events: readonly Readonly<{ type: string; schemaVersion: number; data: Readonly<Record<string, unknown>> }>[],
): string | undefined {
  const record = parseStreamId(streamId);
  if (!record) return undefined;
  const kind = RECORD_KINDS[record.kind] as RecordKindDeclaration<string, Command, Event, unknown>;
  const current = events.map(({ type, schemaVersion, data }) => ({ type, data: upcastEvent(type, schemaVersion, data).data }) as Event);
  return kind.personalData?.subjectOf(fold(kind.decider, current));
}

const UPCASTERS: ReadonlyMap<string, Upcasters> = new Map(
  KIND_DECLARATIONS.flatMap((kind) => Object.entries(kind.upcasters ?? {}) as [string, Upcasters][]),
);

/**
 * The first schema version of a type with personal fields that stores them sealed: SEALED_SINCE_VERSION for the
 * types written in plaintext before sealing existed (their upcasters start with sealedInVersion2), 1 for later ones.
 */
const SEALED_SINCE: ReadonlyMap<string, number> = new Map(
  [...PERSONAL_FIELDS.keys()].map((type) => [type, UPCASTERS.get(type)?.[0] === sealedInVersion2 ? SEALED_SINCE_VERSION : 1]),
);

export const sealedSinceVersionOf = (type: string): number => SEALED_SINCE.get(type) ?? 1;

/** The types whose stored events of version 1 may hold personal fields in plaintext. */
export const TYPES_STORED_IN_PLAINTEXT: readonly string[] = [...SEALED_SINCE].filter(([, since]) => since > 1).map(([type]) => type);

/** The schema version an event of this type is written with now. */
export const schemaVersionOf = (type: string): number => currentVersionOf(UPCASTERS.get(type));

/** True when readers get an event as it is stored: it has no personal field to reveal and is of its type's current version. */
export const readsAsStored = (type: string, schemaVersion: number): boolean =>
  !PERSONAL_FIELDS.has(type) && (!KIND_OF_EVENT_TYPE.has(type) || schemaVersion === schemaVersionOf(type));

/**
 * An event's data in its type's current shape and version, whatever version it was stored with. Events of types no
 * record kind declares (the audit's checkpoints, a test's) are left as they are: they are versioned by their owners.
 */
export function upcastEvent(
  type: string,
  schemaVersion: number,
  data: Readonly<Record<string, unknown>>,
): Readonly<{ schemaVersion: number; data: Readonly<Record<string, unknown>> }> {
  if (!KIND_OF_EVENT_TYPE.has(type)) return { schemaVersion, data };
  return { schemaVersion: schemaVersionOf(type), data: upcastData(type, schemaVersion, data, UPCASTERS.get(type)) };
}
