import { InvalidInput, RECORD_KINDS, RecordNotFound } from '@ledgerline/domain';
import type { RecordKind } from './stream-ids';

const titled = (kind: RecordKind): string => `${kind[0].toUpperCase()}${kind.slice(1)}`;
const idOf = (kind: RecordKind, id: string) => ({ [RECORD_KINDS[kind].idField]: id });

/** A read asked for a record that has no events. */
export class UnknownRecord extends RecordNotFound {
  readonly code: string;
  constructor(kind: RecordKind, id: string) {
    super(`${titled(kind)} ${id} does not exist.`, idOf(kind, id));
    this.code = `${kind}-not-found`;
  }
}

/** A read as of an instant before the record's first event. */
export class RecordDidNotExistYet extends RecordNotFound {
  readonly code: string;
  constructor(kind: RecordKind, id: string, instant: Date, firstRecordedAt: Date) {
    const asOf = instant.toISOString();
    const existsFrom = firstRecordedAt.toISOString();
    super(`${titled(kind)} ${id} did not exist yet at ${asOf}: its first event was recorded at ${existsFrom}.`, {
      ...idOf(kind, id),
      asOf,
      existsFrom,
    });
    this.code = `${kind}-not-yet-existing`;
  }
}

/** A read of a revision the record has not reached. */
export class UnknownRevision extends RecordNotFound {
  readonly code: string;
  constructor(kind: RecordKind, id: string, revision: number, latestRevision: number) {
    super(`${titled(kind)} ${id} has no revision ${revision}: its latest is ${latestRevision}.`, {
      ...idOf(kind, id),
      revision,
      latestRevision,
    });
    this.code = `${kind}-revision-not-found`;
  }
}

/** A diff whose `from` comes after its `to`. */
export class ReversedRange extends InvalidInput {
  readonly code = 'reversed-range';
  constructor(from: string, to: string) {
    super(`from (${from}) is later in the record's history than to (${to}).`, { field: 'from' });
  }
}
