import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@ledgerline/application';
import { ReportSnapshots, type SnapshotView } from '@ledgerline/projections';
import { InvalidArgumentError, type Command } from 'commander';
import { eventProgress } from '../progress/progress-bar';
import type { WithApp } from './with-app';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(value: string): Date {
  const parsed = new Date(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(parsed.getTime()))
    throw new InvalidArgumentError(`--as-of must be an ISO 8601 instant such as 2026-09-30T23:59:59Z; got "${value}"`);
  return parsed;
}

/** Builds the snapshot in this process, with a progress bar of the events read on `terminal`. */
export async function createReportSnapshot(
  app: INestApplicationContext,
  options: Readonly<{ name: string; asOf: string }>,
  terminal: NodeJS.WriteStream,
): Promise<SnapshotView> {
  const asOf = instant(options.asOf);
  let progress: ReturnType<typeof eventProgress> | undefined;
  const snapshot = await app
    .get(ReportSnapshots)
    .create(options.name, asOf, { ...SYSTEM_ACTOR, id: 'cli', name: 'ledgerline cli' }, (done) => {
      progress ??= eventProgress(terminal, `snapshot ${options.name}`, done.total);
      progress.draw(done.read);
    });
  progress?.end();
  return snapshot;
}

const line = (snapshot: SnapshotView): string =>
  `${snapshot.name}\t${snapshot.schema}\tas of ${snapshot.asOf}\t${snapshot.status}\t${snapshot.eventsApplied} of ${snapshot.eventsRead} events`;

export function registerSnapshotCommands(program: Command, withApp: WithApp): void {
  const snapshot = program
    .command('snapshot')
    .description('Reports as they stood: the read models as of an instant, in schema snapshot_<name>');
  snapshot
    .command('create')
    .description('Rebuild every read model from the events recorded up to --as-of into schema snapshot_<name>, with the analytics views')
    .requiredOption('--as-of <instant>', 'the instant, e.g. 2026-09-30T23:59:59Z')
    .requiredOption('--name <name>', 'lower-case letters, digits, - or _ (q3-close makes schema snapshot_q3_close)')
    .action((options: Readonly<{ name: string; asOf: string }>) =>
      withApp(async (app) => {
        const created = await createReportSnapshot(app, options, process.stderr);
        console.log(JSON.stringify(created, null, 2));
        console.error(
          `Snapshot ${created.name} ready: ${created.eventsApplied} events as of ${created.asOf}; query schema ${created.schema}`,
        );
      }),
    );
  snapshot
    .command('list')
    .description('Every snapshot: name, schema, instant, status and events')
    .action(() => withApp(async (app) => void (await app.get(ReportSnapshots).list()).forEach((each) => console.log(line(each)))));
  snapshot
    .command('drop <name>')
    .description('Drop a snapshot and its schemas')
    .action((name: string) =>
      withApp(async (app) => {
        await app.get(ReportSnapshots).drop(name);
        console.error(`Snapshot ${name} dropped`);
      }),
    );
}
