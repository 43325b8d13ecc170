/** Turns an event's data of one schema version into the next version's: pure, and never given stored bytes to change. */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;

/** An event type's upcasters, oldest first: the one at index i turns version i + 1 into version i + 2. */
export type Upcasters = readonly Upcaster[];

/** An event was written by a newer release than this one: reading on would misread it. */
export class UnknownSchemaVersion extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly current: number,
  ) {
    super(`${type} v${version} is newer than this release knows (v${current}): upgrade before reading the log.`);
    this.name = 'UnknownSchemaVersion';
  }
}

export const currentVersionOf = (upcasters: Upcasters | undefined): number => 1 + (upcasters?.length ?? 0);

/** The data in the current version's shape, through each upcaster from its stored version on. */
export function upcastData(
  type: string,
  version: number,
  data: Readonly<Record<string, unknown>>,
  upcasters: Upcasters | undefined,
): Readonly<Record<string, unknown>> {
  const current = currentVersionOf(upcasters);
  if (version > current) throw new UnknownSchemaVersion(type, version, current);
  let upcast = data;
  for (let from = version; from < current; from++) upcast = (upcasters as Upcasters)[from - 1](upcast);
  return upcast;
}
