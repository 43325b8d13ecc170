import type { EventOf, RecordKind, StateOf } from '@ledgerline/domain';

/** A record that exists: its state once its stream holds an event. */
export type ExistingRecord<K extends RecordKind> = Exclude<StateOf<K>, Readonly<{ status: 'none' }>>;

/**
 * A record kind's compacted state topic: one message per record id holding its latest public state, so that a
 * consumer that joins late can start from it instead of from the event topic's retention.
 */
export type StateContract<K extends RecordKind> = Readonly<{
  topic: string;
  /** The CloudEvents type of its messages; a change that is not only an added optional field is a new version. */
  type: string;
  /** The published fields of the record: the same that its event topic publishes, nothing else. */
  publicState: (record: ExistingRecord<K>) => Record<string, unknown>;
  /** The event types after which the record is gone from the topic (a tombstone: the key with a null value). */
  erasedBy: readonly EventOf<K>['type'][];
}>;
