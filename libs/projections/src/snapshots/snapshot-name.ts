/** A snapshot's name: what the CLI and the API take, and the schemas it lives in. */
export type SnapshotName = Readonly<{ name: string; schema: string; dataSchema: string }>;

const NAME = /^[a-z][a-z0-9_-]{0,39}$/;

export class InvalidSnapshotName extends Error {
  constructor(readonly snapshot: string) {
    super(
      `A snapshot name is 1 to 40 lower-case letters, digits, "-" or "_", starting with a letter (e.g. q3-close); got ${JSON.stringify(snapshot)}.`,
    );
    this.name = 'InvalidSnapshotName';
  }
}

/**
 * `q3-close` lives in schema `snapshot_q3_close` (the analysts' views, as in `analytics`) over its tables in
 * `snapshot_q3_close_data`: the views keep the tables' names, so the two cannot share a schema.
 */
export function snapshotName(name: string): SnapshotName {
  if (!NAME.test(name)) throw new InvalidSnapshotName(name);
  const schema = `snapshot_${name.replace(/-/g, '_')}`;
  return { name, schema, dataSchema: `${schema}_data` };
}
