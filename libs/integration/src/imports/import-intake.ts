import type { Actor } from '@ledgerline/application';
import { InvalidInput, RecordNotFound } from '@ledgerline/domain';
import { parse } from 'csv-parse/sync';
import { assertKnownFields, type ColumnMapping } from './column-mapping';
import type { ImportJob, ImportJobStore } from './import-job.store';
import { IMPORT_KIND_SPECS, type ImportKind } from './import-kinds';
import type { ImportFormat } from './import-source';

/** The file is not what its format says, from its first line on: refused before a job exists. */
export class UnreadableImportFile extends InvalidInput {
  override readonly code = 'unreadable-import-file';
}

export class ImportNotFound extends RecordNotFound {
  override readonly code = 'import-not-found';
  constructor(id: string) {
    super(`Import ${id} does not exist.`, { importId: id });
  }
}

/** The first line must be whole within this many bytes (a CSV header, a first NDJSON record). */
const FIRST_LINE_LIMIT = 1024 * 1024;

export type ImportRequest = Readonly<{ kind: ImportKind; format: ImportFormat; mapping?: ColumnMapping; actor: Actor }>;

/** Reads up to the end of the first line; returns it and the whole stream again (nothing is lost or held twice). */
async function firstLineOf(file: AsyncIterable<Buffer>): Promise<{ first: string; all: AsyncIterable<Buffer> }> {
  const iterator = file[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let length = 0;
  for (;;) {
    const { value, done } = await iterator.next();
    if (done) break;
    head.push(value);
    length += value.length;
    if (value.includes(0x0a) || length > FIRST_LINE_LIMIT) break;
  }
  const text = Buffer.concat(head).toString('utf8');
  const newline = text.indexOf('\n');
  const all = (async function* () {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  return { first: (newline === -1 ? text : text.slice(0, newline)).replace(/^\uFEFF/, '').trim(), all };
}

function checkFirstLine(request: ImportRequest, first: string): void {
  const { fields } = IMPORT_KIND_SPECS[request.kind];
  if (first === '') throw new UnreadableImportFile('The file is empty, or its first line is.');
  if (request.format === 'ndjson') {
    let value: unknown;
    try {
      value = JSON.parse(first);
    } catch {
      throw new UnreadableImportFile('The first line is not JSON: the file is not NDJSON (one JSON object per line).');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new UnreadableImportFile('The first line is not a JSON object.');
    return;
  }
  let header: string[];
  try {
    [header] = parse(first, { trim: true }) as string[][];
  } catch {
    throw new UnreadableImportFile('The first line is not a CSV header row.');
  }
  if (request.mapping) {
    assertKnownFields(Object.values(request.mapping), fields);
    if (!header.some((column) => Object.hasOwn(request.mapping as object, column))) {
      throw new UnreadableImportFile('No column of the header row is named in the mapping.');
    }
  } else {
    assertKnownFields(header, fields);
  }
}

/**
 * Takes a file in: the mapping and the first line are checked before anything is stored (a file that is not NDJSON
 * or CSV at all, or names unknown fields, is refused whole), then the file is stored as it streams in, and the job
 * is queued for a runner.
 */
export async function receiveImport(store: ImportJobStore, request: ImportRequest, file: AsyncIterable<Buffer>): Promise<ImportJob> {
  if (request.mapping) assertKnownFields(Object.values(request.mapping), IMPORT_KIND_SPECS[request.kind].fields);
  const { first, all } = await firstLineOf(file);
  checkFirstLine(request, first);
  return store.create(request, all);
}
