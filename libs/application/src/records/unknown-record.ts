import { RECORD_KINDS, RecordNotFound } from '@ledgerline/domain';
import type { RecordKind } from './stream-ids';

/** A read asked for a record that has no events. */
export class UnknownRecord extends RecordNotFound {
  readonly code: string;
  constructor(kind: RecordKind, id: string) {
    super(`${kind[0].toUpperCase()}${kind.slice(1)} ${id} does not exist.`, { [RECORD_KINDS[kind].idField]: id });
    this.code = `${kind}-not-found`;
  }
}
