import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig, stopEmbeddedPostgres } from '@ledgerline/platform';
import { Command } from 'commander';
import { CliModule } from './cli.module';
import { printHistory } from './commands/history.command';
import { rebuildProjections } from './commands/projections-rebuild.command';
import { printProjectionStatus } from './commands/projections-status.command';

/** Runs one admin command against the configured stores (the embedded default when nothing is set). */
async function withApp(action: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<void>): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    await action(app);
  } finally {
    await app.close();
  }
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
  .command('history')
  .description("Print a record's events with their metadata, oldest first, as JSON lines")
  .argument('<kind>', 'customer | deal | interaction | pipeline')
  .argument('<id>', 'record id (uuid)')
  .action((kind: string, id: string) => withApp((app) => printHistory(app, kind, id, (line) => console.log(line))));

program.parseAsync().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopEmbeddedPostgres();
  process.exit(1);
});
