import { RECORD_KIND_NAMES, streamIdOf, type RecordKind } from '@ledgerline/domain';

export type { RecordKind } from '@ledgerline/domain';

/** One stream per record, `<kind>-<id>`, derived from the record-kind registry: `streamIds.deal(id)`. */
export const streamIds = Object.freeze(
  Object.fromEntries(RECORD_KIND_NAMES.map((kind) => [kind, (id: string) => streamIdOf(kind, id)])),
) as { readonly [K in RecordKind]: (id: string) => string };
