import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@ledgerline/application';
import {
  ImportBatch,
  ImportJobRunner,
  ImportJobStore,
  importView,
  isImportKind,
  IMPORT_KINDS,
  receiveImport,
  type ColumnMapping,
  type ImportFormat,
  type ImportJob,
  type ImportView,
} from '@ledgerline/integration';
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { progressBar, terminalProgress } from '../progress/progress-bar';

export type ImportOptions = Readonly<{ kind?: string; format?: string; mapping?: string }>;

/** "customers [#########.....] 41% 82000 lines  9120 lines/s  ETA 11 s  (80210 applied, 12 rejected)" */
export function importProgressLine(view: ImportView): string {
  const share = view.bytes === 0 ? 1 : view.bytesRead / view.bytes;
  return (
    `${view.kind} ${progressBar(share)} ${Math.round(share * 100)}% ${view.linesRead} lines  ${view.linesPerSecond ?? 0} lines/s  ` +
    `ETA ${view.etaSeconds ?? '?'} s  (${view.applied} applied, ${view.unchanged} unchanged, ${view.rejected} rejected)`
  );
}

export function importFormatOfFile(file: string, format: string | undefined): ImportFormat {
  const chosen =
    format ?? ({ '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson' } as Record<string, ImportFormat>)[extname(file).toLowerCase()];
  if (chosen !== 'csv' && chosen !== 'ndjson') throw new Error(`--format must be ndjson or csv (it cannot be told from "${file}")`);
  return chosen;
}

/** The mapping as JSON, or the name of a file holding it. */
function mappingOf(option: string | undefined): ColumnMapping | undefined {
  if (option === undefined) return undefined;
  const value: unknown = JSON.parse(option.trimStart().startsWith('{') ? option : readFileSync(option, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('--mapping must be a JSON object from column header to field');
  return value as ColumnMapping;
}

/** Runs the job here, to its end, drawing its progress on the terminal; the summary says what became of the lines. */
async function runHere(app: INestApplicationContext, job: ImportJob, terminal: NodeJS.WriteStream): Promise<ImportView> {
  const jobs = app.get(ImportJobStore);
  const runner = new ImportJobRunner(jobs, app.get(ImportBatch), `cli:${randomUUID()}`);
  const leased = await jobs.lease(runner.owner, job.id);
  if (!leased) throw new Error(`Import ${job.id} is being run by another process (or has ended)`);
  const progress = terminalProgress(terminal);
  const ended = await runner.run(leased, { onProgress: ({ job: current }) => progress.draw(importProgressLine(importView(current))) });
  progress.end();
  return importView(ended);
}

/** `import <file> --kind customers`: the same job as POST /v1/imports, run in this process. */
export async function importFile(app: INestApplicationContext, file: string, options: ImportOptions, terminal: NodeJS.WriteStream) {
  if (!isImportKind(options.kind))
    throw new Error(
      `--kind must be one of ${IMPORT_KINDS.join(', ')}; got ${options.kind === undefined ? 'nothing' : `"${options.kind}"`}`,
    );
  const request = {
    kind: options.kind,
    format: importFormatOfFile(file, options.format),
    mapping: mappingOf(options.mapping),
    actor: SYSTEM_ACTOR,
  };
  const job = await receiveImport(app.get(ImportJobStore), request, createReadStream(file));
  terminal.write(`Import ${job.id}: ${job.bytes} bytes stored; running\n`);
  return runHere(app, job, terminal);
}

/** `import resume <id>`: a job whose process stopped, from its checkpoint. */
export async function resumeImport(app: INestApplicationContext, id: string, terminal: NodeJS.WriteStream) {
  const job = await app.get(ImportJobStore).get(id);
  if (!job) throw new Error(`No import ${id}`);
  return runHere(app, job, terminal);
}

/** The rejected lines, one JSON object per line. */
export async function printImportErrors(app: INestApplicationContext, id: string, write: (line: string) => void): Promise<void> {
  for await (const error of app.get(ImportJobStore).errors(id)) write(JSON.stringify(error));
}
