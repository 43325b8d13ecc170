import type { INestApplicationContext } from '@nestjs/common';
import { auditExport, parseLogBound, parseLogRange, SYSTEM_ACTOR } from '@ledgerline/application';
import { LogVerification, type RecordedCheckpoint, type VerificationReport } from '@ledgerline/audit';
import { isRecordKind, RECORD_KIND_NAMES } from '@ledgerline/domain';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '@ledgerline/event-store';
import { InvalidArgumentError, type Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { eventProgress } from '../progress/progress-bar';
import { interruptible } from './interruptible';
import type { WithApp } from './with-app';

export type AuditExportOptions = Readonly<{ from?: string; to?: string; after?: string; kind?: string; out?: string }>;

export type AuditExportSummary = Readonly<{ lines: number; read: number; last: GlobalPosition | undefined; complete: boolean }>;

/**
 * Writes the log as NDJSON (the lines of GET /v1/audit/export) to `output`, drawing progress with rate and ETA on
 * `terminal`; `stopping` ends it after the page being written, and the summary says where to resume.
 */
export async function exportAuditLog(
  app: INestApplicationContext,
  options: AuditExportOptions,
  output: Writable,
  terminal: NodeJS.WriteStream,
  stopping: AbortSignal = new AbortController().signal,
): Promise<AuditExportSummary> {
  const { kind } = options;
  if (kind !== undefined && !isRecordKind(kind))
    throw new InvalidArgumentError(`--kind must be one of ${RECORD_KIND_NAMES.join(', ')}; got "${kind}"`);
  const range = parseLogRange(options, '--');
  const store = app.get<EventStore>(EVENT_STORE);
  // The bar ends at the head only when the export reads the log from its start.
  const total = range.from === undefined && range.after === undefined ? await store.countAll() : undefined;
  const progress = eventProgress(terminal, 'audit export', total);
  let summary: AuditExportSummary = { lines: 0, read: 0, last: range.after, complete: false };
  for await (const chunk of auditExport(store, { range, kind })) {
    if (chunk.lines > 0 && !output.write(chunk.bytes)) await once(output, 'drain');
    summary = { lines: summary.lines + chunk.lines, read: summary.read + chunk.read, last: chunk.last, complete: false };
    progress.draw(summary.read);
    if (stopping.aborted) break;
  }
  progress.end();
  return { ...summary, complete: !stopping.aborted };
}

/**
 * Verifies the log's chains (and, from the start, its checkpoints) with a progress bar on `terminal`; the report is
 * kept for GET /v1/audit/verification when the run reached the head.
 */
export async function verifyAuditLog(
  app: INestApplicationContext,
  options: Readonly<{ from?: string }>,
  terminal: NodeJS.WriteStream,
  stopping: AbortSignal = new AbortController().signal,
): Promise<VerificationReport> {
  const from = options.from === undefined ? undefined : parseLogBound('--from', options.from);
  const total = from === undefined ? await app.get<EventStore>(EVENT_STORE).countAll() : undefined;
  const progress = eventProgress(terminal, 'audit verify', total);
  const report = await app.get(LogVerification).verify({ from, signal: stopping, onProgress: progress.draw });
  progress.end();
  return report;
}

/** One line for a person; the report itself goes to standard output as JSON. */
export function verificationSummary(report: VerificationReport): string {
  const checked = `${report.events} events in ${report.streams} streams and ${report.checkpoints} checkpoints`;
  if (!report.complete) return `Stopped (Ctrl-C) after ${checked}, through position ${report.through}: not a verification`;
  if (report.ok)
    return `Verified ${checked}${report.through === null ? '' : ` through position ${report.through}`}: every chain and checkpoint holds`;
  const [first] = report.breaks;
  return (
    `BROKEN: ${report.breakCount} breaks in ${checked}. The first: ${first.problem} in ${first.streamId} at revision ${first.revision} ` +
    `(position ${first.position}): expected ${first.expected}, found ${first.found}`
  );
}

/** Signs and appends a checkpoint of the whole log as it stands, after verifying it, with a progress bar. */
export async function recordAuditCheckpoint(
  app: INestApplicationContext,
  terminal: NodeJS.WriteStream,
): Promise<RecordedCheckpoint | undefined> {
  const total = await app.get<EventStore>(EVENT_STORE).countAll();
  const progress = eventProgress(terminal, 'audit checkpoint', total);
  const checkpoint = await app.get(LogVerification).checkpoint({
    actor: { ...SYSTEM_ACTOR, id: 'cli', name: 'ledgerline cli' },
    source: 'cli',
    onProgress: progress.draw,
  });
  progress.end();
  return checkpoint;
}

/** Where the export goes: a file (appended to when resuming with --after) or standard output. */
function outputOf(options: AuditExportOptions): { output: Writable; close: () => Promise<void> } {
  if (options.out === undefined) return { output: process.stdout, close: async () => undefined };
  const file = createWriteStream(options.out, { flags: options.after === undefined ? 'w' : 'a' });
  return { output: file, close: () => new Promise((done, fail) => file.end((error?: Error | null) => (error ? fail(error) : done()))) };
}

export function registerAuditCommands(program: Command, withApp: WithApp): void {
  const audit = program.command('audit').description('For auditors: the log as it is stored (docs/audit.md)');
  audit
    .command('export')
    .description(
      'Write every event of a range of the log with all its metadata as NDJSON, as GET /v1/audit/export does, with a progress bar',
    )
    .option('--from <position|instant>', 'first event, included: a log position or an instant (2026-07-01T00:00:00Z)')
    .option('--to <position|instant>', 'last event, included; default: the head of the log')
    .option('--after <position>', 'resume after this position (the last line written); appends to --out')
    .option('--kind <kind>', `only this record kind: ${RECORD_KIND_NAMES.join(' | ')}`)
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: AuditExportOptions) =>
      withApp(async (app) => {
        const { output, close } = outputOf(options);
        try {
          const { lines, read, last, complete } = await interruptible((stopping) =>
            exportAuditLog(app, options, output, process.stderr, stopping),
          );
          const resume = last === undefined ? '' : `; to go on from there: --after ${last}`;
          console.error(`${complete ? 'Exported' : 'Stopped (Ctrl-C) after exporting'} ${lines} events of ${read} read${resume}`);
        } finally {
          await close();
        }
      }),
    );
  audit
    .command('verify')
    .description('Recompute every hash chain and, from the start of the log, every signed checkpoint; exit 1 on the first broken link')
    .option('--from <position|instant>', 'verify from here on, trusting what is stored before it (checkpoints are then not checked)')
    .action((options: Readonly<{ from?: string }>) =>
      withApp(async (app) => {
        const report = await interruptible((stopping) => verifyAuditLog(app, options, process.stderr, stopping));
        console.log(JSON.stringify(report, null, 2));
        console.error(verificationSummary(report));
        if (!report.ok || !report.complete) process.exitCode = 1;
      }),
    );
  audit
    .command('checkpoint')
    .description('Verify the log, then append a checkpoint: the Merkle root of every stream head, signed with AUDIT_SIGNING_KEY')
    .action(() =>
      withApp(async (app) => {
        const checkpoint = await recordAuditCheckpoint(app, process.stderr);
        if (checkpoint === undefined) {
          console.error('The log is empty: nothing to checkpoint');
          return;
        }
        console.log(JSON.stringify(checkpoint, null, 2));
        console.error(
          `Checkpoint ${checkpoint.revision} of audit-checkpoints: ${checkpoint.streams} streams, ${checkpoint.events} events through position ${checkpoint.through}`,
        );
      }),
    );
}
