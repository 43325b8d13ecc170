/** The client's If-Match names a revision the record is no longer at. */
export class RevisionMismatch extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`The record is at revision ${actual ?? 'none'}, not ${expected}: reload it and try again`);
    this.name = 'RevisionMismatch';
  }
}

/** Concurrent writers kept winning for longer than the retry budget. */
export class ConcurrentModification extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`The record kept changing under this command (${attempts} attempts): try again`);
    this.name = 'ConcurrentModification';
  }
}
