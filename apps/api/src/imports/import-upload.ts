import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { ImportFormat } from '@ledgerline/integration';
import type { Request } from 'express';

/** An import file may be this big; it is stored as it streams in, never held in memory. */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

const FORMATS: Readonly<Record<string, ImportFormat>> = {
  'application/x-ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
};

/** The format the Content-Type names (charset aside: files are read as UTF-8). */
export function importFormatOf(request: Request): ImportFormat {
  const type = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const format = FORMATS[type];
  if (!format)
    throw new UnsupportedMediaTypeException(`Send the file as ${Object.keys(FORMATS).join(', ')}; got "${type || 'no Content-Type'}".`);
  return format;
}

/** The request body as it arrives, cut off with a 413 past the limit. */
export async function* uploadedFile(request: Request, limit = MAX_IMPORT_BYTES): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const piece of request as AsyncIterable<Buffer>) {
    bytes += piece.length;
    if (bytes > limit) throw new PayloadTooLargeException(`An import file may have at most ${limit} bytes.`);
    yield piece;
  }
}
