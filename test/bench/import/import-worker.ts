/**
 * A child process of the import scenario: imports the given NDJSON files (customers, then purchases) into the
 * database through the same job pipeline as POST /v1/imports and the CLI (the file stored in chunks, streamed back,
 * parsed, batched through the CustomerBatchWriter, checkpointed), and prints one JSON line: seconds per file and the
 * process's peak RSS. Run alone so that its RSS is the import's.
 */
import { CustomerBatchWriter, DeciderRunner, EventCodec, ExternalReferenceIndex, SYSTEM_ACTOR } from '@ledgerline/application';
import { PostgresEventStore } from '@ledgerline/event-store';
import { ImportBatch, ImportJobRunner, ImportJobStore, receiveImport, type ImportKind } from '@ledgerline/integration';
import { createReadStream } from 'node:fs';
import { Pool } from 'pg';

export type ImportReport = Readonly<{ files: { kind: ImportKind; lines: number; applied: number; seconds: number }[]; peakRssMb: number }>;

/** Customers and purchases only: they need no command bus. */
const noCommands = async (): Promise<never> => {
  throw new Error('no command bus here');
};

async function main(): Promise<void> {
  const [url, ...files] = process.argv.slice(2);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const pool = new Pool({ connectionString: url, max: 10 });
  const store = await PostgresEventStore.open(pool);
  const codec = new EventCodec();
  const runner = new DeciderRunner(store, codec, 10);
  const index = new ExternalReferenceIndex(runner);
  const jobs = new ImportJobStore(pool);
  await jobs.setup();
  const importer = new ImportJobRunner(
    jobs,
    new ImportBatch(new CustomerBatchWriter(store, codec, runner, index), index, noCommands),
    'bench',
  );
  const report: ImportReport['files'] = [];
  for (const file of files) {
    const kind = (file.includes('purchases') ? 'purchases' : 'customers') as ImportKind;
    const started = performance.now();
    const job = await receiveImport(jobs, { kind, format: 'ndjson', actor: SYSTEM_ACTOR }, createReadStream(file));
    const ended = await importer.run((await jobs.lease(importer.owner, job.id)) ?? job);
    if (ended.status !== 'completed' || ended.rejected > 0)
      throw new Error(`import of ${file} ended ${ended.status} with ${ended.rejected} rejected`);
    report.push({ kind, lines: ended.linesRead, applied: ended.applied, seconds: (performance.now() - started) / 1000 });
  }
  clearInterval(sampler);
  await store.close();
  await pool.end();
  console.log(JSON.stringify({ files: report, peakRssMb: Math.round(peak / 2 ** 20) } satisfies ImportReport));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
