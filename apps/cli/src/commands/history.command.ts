import type { INestApplicationContext } from '@nestjs/common';
import { RecordReader, streamIds, type RecordKind } from '@ledgerline/application';

const KINDS = Object.keys(streamIds) as RecordKind[];

/** Prints a record's events, oldest first, one JSON object per line (for auditors and jq). */
export async function printHistory(app: INestApplicationContext, kind: string, id: string, write: (line: string) => void): Promise<void> {
  if (!KINDS.includes(kind as RecordKind)) throw new Error(`kind must be one of ${KINDS.join(', ')}; got "${kind}"`);
  for (const entry of await app.get(RecordReader).history(kind as RecordKind, id)) write(JSON.stringify(entry));
}
