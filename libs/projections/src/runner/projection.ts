import type { DomainEvent } from '@ledgerline/domain';
import type { QueryRunner } from 'typeorm';
import type { ProjectedEvent } from './projected-event';

/** Where a batch handler writes: the read model's tables, live or the fresh copies of a rebuild. */
export type ProjectionTarget = Readonly<{
  /** Runs SQL in the batch's transaction (the same one that moves the checkpoint). */
  sql: QueryRunner;
  /** The schema-qualified, quoted name to write `table` as, during this batch. */
  table: (table: string) => string;
}>;

/**
 * A read model fed from $all. Its handler receives batches of the events it declared, in $all
 * order, and writes them with set-based SQL; the runner commits the batch and the checkpoint
 * together, so each event takes effect exactly once even though delivery is at least once.
 */
export interface Projection<E extends DomainEvent = DomainEvent> {
  readonly name: string;
  /** Bump it when the handler's output changes: the projection is then rebuilt on start. */
  readonly version: number;
  /** The domain event types it handles: the runner hands it these only, decoded. */
  readonly eventTypes: readonly E['type'][];
  /**
   * The tables it owns (schema-qualified, unquoted, e.g. "crm.customers"), rebuilt and swapped together. None: it
   * publishes elsewhere (the Kafka relays); its handler then runs outside any transaction, and the checkpoint moves
   * after it returned.
   */
  readonly tables: readonly string[];
  handle(events: readonly ProjectedEvent<E>[], target: ProjectionTarget): Promise<void>;
  /**
   * Work on a batch ahead of its turn, while the batch before it is being handled (its transaction, the broker's
   * acknowledgement): no effects, e.g. the Kafka relay mapping and serializing its messages. handle() is later called
   * with the same array. If it throws, the error is dropped: handle() meets the same event in its turn.
   */
  prepare?(events: readonly ProjectedEvent<E>[]): void;
}

export const quoteTable = (table: string): string =>
  table
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');

/** Writes to the live tables. */
export const liveTarget = (sql: QueryRunner): ProjectionTarget => ({ sql, table: quoteTable });
