import type { INestApplicationContext } from '@nestjs/common';
import { RecordReader } from '@ledgerline/application';
import { isRecordKind, RECORD_KIND_NAMES } from '@ledgerline/domain';

/** Prints a record's events, oldest first, one JSON object per line (for auditors and jq). */
export async function printHistory(app: INestApplicationContext, kind: string, id: string, write: (line: string) => void): Promise<void> {
  if (!isRecordKind(kind)) throw new Error(`kind must be one of ${RECORD_KIND_NAMES.join(', ')}; got "${kind}"`);
  for (const entry of await app.get(RecordReader).history(kind, id)) write(JSON.stringify(entry));
}
