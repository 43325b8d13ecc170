import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { INSTANT_EXAMPLE } from '@ledgerline/application';
import { RECORD_KIND_NAMES } from '@ledgerline/domain';
import { loadConfig, stopEmbeddedPostgres } from '@ledgerline/platform';
import type { ImportView } from '@ledgerline/integration';
import { Command, InvalidArgumentError } from 'commander';
import { CliModule } from './cli.module';
import { registerApiKeyCommands } from './commands/api-keys.command';
import { registerAuditCommands } from './commands/audit.command';
import { registerDeadLetterCommands } from './commands/dlq.command';
import { printDiff, printHistory, type DiffOptions, type HistoryOptions } from './commands/history.command';
import { importFile, printImportErrors, resumeImport, type ImportOptions } from './commands/import.command';
import { parseReplayArguments } from './commands/kafka-replay.arguments';
import { replayToKafka } from './commands/kafka-replay.command';
import { rebuildProjections } from './commands/projections-rebuild.command';
import { printProjectionStatus } from './commands/projections-status.command';
import { seedDemoData } from './commands/seed.command';
import { registerSnapshotCommands } from './commands/snapshot.command';
import { StderrLogger } from './stderr-logger';

/** Runs one admin command against the configured stores (the embedded default when nothing is set). */
async function withApp(action: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<void>): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), {
    logger: new StderrLogger(),
    abortOnError: false,
  });
  try {
    await action(app);
  } finally {
    await app.close();
  }
}

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${flag} must be a positive whole number; got "${value}"`);
  return number;
}

/** Exit code 2 when lines were rejected, so that a script can tell; they are listed by `import errors <id>`. */
function reportImport(view: ImportView): void {
  console.log(
    `Import ${view.id} ${view.status}: ${view.linesRead} lines, ${view.applied} applied, ${view.unchanged} unchanged, ${view.rejected} rejected` +
      (view.rejected > 0 ? ` (see: npm run cli -- import errors ${view.id})` : ''),
  );
  if (view.status !== 'completed') process.exitCode = 1;
  else if (view.rejected > 0) process.exitCode = 2;
}

const program = new Command('ledgerline').description('Ledgerline admin commands').showHelpAfterError();

program
  .command('migrate')
  .description('Create or upgrade the event store and read-model schemas, and define the default pipeline')
  .action(() => withApp(async () => console.log('Event store and read-model schemas up to date; default pipeline present.')));

const projections = program.command('projections').description('Read models');

projections
  .command('status')
  .description('Each projection: state, position, lag in events and seconds, and the error of a failed one')
  .action(() => withApp((app) => printProjectionStatus(app, (line) => console.log(line))));

projections
  .command('rebuild')
  .description('Replay the log into fresh tables and swap them in when caught up; queries keep answering meanwhile')
  .argument('<name>', 'a projection name, or "all"')
  .action((name: string) => withApp((app) => rebuildProjections(app, name, process.stderr)));

program
  .command('seed')
  .description('Write two years of demo customers, deals, purchases and interactions through the command side')
  .option('--customers <n>', 'how many customers', (value) => positiveInteger(value, '--customers'), 1000)
  .option(
    '--seed <n>',
    'the random seed: the same seed writes the same data, and running it again changes nothing',
    (value) => positiveInteger(value, '--seed'),
    1,
  )
  .option('--concurrency <n>', 'records written at once', (value) => positiveInteger(value, '--concurrency'), 8)
  .action((options: { customers: number; seed: number; concurrency: number }) =>
    withApp(async (app) => {
      const { commands, appended } = await seedDemoData(app, options, process.stderr);
      console.log(`Seeded ${options.customers} customers (seed ${options.seed}): ${commands} commands, ${appended} events appended.`);
    }),
  );

program
  .command('history')
  .description("Print a record's events with their metadata, oldest first, as JSON lines; or the record as it was at a point")
  .argument('<kind>', RECORD_KIND_NAMES.join(' | '))
  .argument('<id>', 'record id (uuid)')
  .option('--as-of <instant>', `the record as it was at this instant (${INSTANT_EXAMPLE}), as one JSON object`)
  .option('--revision <n>', 'the record as it was right after this revision, as one JSON object')
  .action((kind: string, id: string, options: HistoryOptions) =>
    withApp((app) => printHistory(app, kind, id, options, (line) => console.log(line))),
  );

program
  .command('diff')
  .description("Print a record's field changes between two points, with actor and correlation, as JSON lines")
  .argument('<kind>', RECORD_KIND_NAMES.join(' | '))
  .argument('<id>', 'record id (uuid)')
  .option('--from <instant|revision>', 'the changes after this point (default: from its creation)')
  .option('--to <instant|revision>', 'up to this point, included (default: its latest revision)')
  .action((kind: string, id: string, options: DiffOptions) =>
    withApp(async (app) => {
      const { fromRevision, toRevision, changes } = await printDiff(app, kind, id, options, (line) => console.log(line));
      console.error(
        `${changes} field changes ${fromRevision === null ? 'from its creation' : `after revision ${fromRevision}`} up to revision ${toRevision}`,
      );
    }),
  );

const imports = program
  .command('import')
  .description(
    'Import customers, purchases, interactions or deals from an NDJSON or CSV file, as POST /v1/imports does, with a progress bar',
  )
  .argument('<file>', 'the file; .csv, .ndjson or .jsonl (else say --format)')
  .option('--kind <kind>', 'customers | purchases | interactions | deals (required)')
  .option('--format <format>', 'ndjson | csv')
  .option(
    '--mapping <json-or-file>',
    'CSV: JSON object (or a file holding it) from column header to field, e.g. {"ERP no.":"externalRefs.erp"}',
  )
  .action((file: string, options: ImportOptions) =>
    withApp(async (app) => reportImport(await importFile(app, file, options, process.stderr))),
  );

imports
  .command('resume')
  .description('Run an import whose process stopped, from its last checkpoint')
  .argument('<id>', 'the import id')
  .action((id: string) => withApp(async (app) => reportImport(await resumeImport(app, id, process.stderr))));

imports
  .command('errors')
  .description("Print an import's rejected lines (line, code, detail) as JSON lines")
  .argument('<id>', 'the import id')
  .action((id: string) => withApp((app) => printImportErrors(app, id, (line) => console.log(line))));

const kafka = program.command('kafka').description('Kafka topics (KAFKA_BROKERS)');

kafka
  .command('replay')
  .description('Publish a range of the log to a topic again, with the original CloudEvent ids (consumers deduplicate)')
  .requiredOption(
    '--from <position|instant>',
    'first event: a log position (ledgerline-position header) or an instant (2026-11-23T10:00:00Z)',
  )
  .option('--to <position|instant>', 'last event, included; default: the head of the log')
  .requiredOption('--topic <name>', 'a public topic, e.g. crm.customer.v1')
  .action((options: { from: string; to?: string; topic: string }) => {
    // Checked before anything is opened: a bad argument costs no database start.
    const request = parseReplayArguments(options);
    return withApp(async (app) => console.log(await replayToKafka(app, request, process.stderr)));
  });

registerApiKeyCommands(program, withApp);
registerDeadLetterCommands(program, withApp);
registerAuditCommands(program, withApp);
registerSnapshotCommands(program, withApp);

program.parseAsync().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopEmbeddedPostgres();
  process.exit(1);
});
