import { parse } from 'csv-parse';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { columnsOf, type ColumnMapping } from './column-mapping';

export const IMPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One line of a file: what it holds, or why it could not be read (without its content: it may be personal data). */
export type SourceLine = Readonly<{ line: number; value: Record<string, unknown> } | { line: number; unreadable: string }>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** NDJSON, one object per line; blank lines are skipped but counted, so line numbers match an editor's. */
export async function* ndjsonLines(input: Readable): AsyncGenerator<SourceLine> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, unreadable: 'The line is not valid JSON.' };
      continue;
    }
    yield isObject(value) ? { line, value } : { line, unreadable: 'The line is JSON but not an object.' };
  }
}

/** CSV with a header row; each column goes to the field its mapping names (line numbers count the header). */
export async function* csvLines(input: Readable, mapping: ColumnMapping | undefined): AsyncGenerator<SourceLine> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }));
  let columns: ReturnType<typeof columnsOf> | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (columns === undefined) {
        columns = columnsOf(record, mapping);
        continue;
      }
      yield { line: info.lines, value: columns.read(record) };
    }
  } catch (error) {
    // csv-parse stops at a broken quote; the lines after it cannot be told apart any more.
    const where = (error as { lines?: number }).lines;
    yield { line: where ?? 0, unreadable: 'The CSV cannot be read from here on (an unclosed quote?).' };
  }
}

export const sourceLines = (format: ImportFormat, input: Readable, mapping: ColumnMapping | undefined): AsyncGenerator<SourceLine> =>
  format === 'csv' ? csvLines(input, mapping) : ndjsonLines(input);
