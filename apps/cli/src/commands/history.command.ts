import type { INestApplicationContext } from '@nestjs/common';
import { parseAsOfOrRevision, parseRecordRange, RecordReader } from '@ledgerline/application';
import { isRecordKind, RECORD_KIND_NAMES, type RecordKind } from '@ledgerline/domain';

export type HistoryOptions = Readonly<{ asOf?: string; revision?: string }>;
export type DiffOptions = Readonly<{ from?: string; to?: string }>;

function knownKind(kind: string): RecordKind {
  if (!isRecordKind(kind)) throw new Error(`kind must be one of ${RECORD_KIND_NAMES.join(', ')}; got "${kind}"`);
  return kind;
}

/**
 * Prints a record's events, oldest first, one JSON object per line (for auditors and jq); with --as-of or --revision,
 * the record as it was then, as one JSON object, as `GET /v1/<kind>/:id?asOf=` answers.
 */
export async function printHistory(
  app: INestApplicationContext,
  kind: string,
  id: string,
  options: HistoryOptions,
  write: (line: string) => void,
): Promise<void> {
  const known = knownKind(kind);
  const point = parseAsOfOrRevision(options.asOf, options.revision, new Date());
  const reader = app.get(RecordReader);
  if (point !== undefined) return write(JSON.stringify(await reader.asOf(known, id, point)));
  for (const entry of await reader.history(known, id)) write(JSON.stringify(entry));
}

/** Prints a record's field changes between two points, one JSON object per line, as `GET /v1/<kind>/:id/diff` lists them. */
export async function printDiff(
  app: INestApplicationContext,
  kind: string,
  id: string,
  options: DiffOptions,
  write: (line: string) => void,
): Promise<{ fromRevision: number | null; toRevision: number; changes: number }> {
  const known = knownKind(kind);
  const { from, to } = parseRecordRange(options, new Date());
  const diff = await app.get(RecordReader).diff(known, id, from, to);
  for (const change of diff.changes) write(JSON.stringify(change));
  return { fromRevision: diff.fromRevision, toRevision: diff.toRevision, changes: diff.changes.length };
}
