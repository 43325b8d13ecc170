import {
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ApplicationModule, CustomerBatchWriter, ExternalReferenceIndex } from '@ledgerline/application';
import { PG_POOL } from '@ledgerline/platform';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { ImportBatch } from './import-batch';
import { ImportJobRunner } from './import-job-runner';
import { ImportJobStore } from './import-job.store';

/** How often an idle process looks for a job; a job that fails (the store away) is tried again after this too. */
const POLL_MS = 1_000;

/** Runs queued jobs (and jobs whose runner died) one at a time, in the processes that run projections. */
@Injectable()
class ImportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly runner: ImportJobRunner;

  constructor(
    private readonly store: ImportJobStore,
    batch: ImportBatch,
  ) {
    this.runner = new ImportJobRunner(store, batch, `worker:${randomUUID()}`);
  }

  onApplicationBootstrap(): void {
    this.loop = this.work();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async work(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        const job = await this.store.lease(this.runner.owner);
        if (job) {
          this.logger.log(
            `Import ${job.id} (${job.kind}, ${job.format}) ${job.checkpointLine > 0 ? `resumed after line ${job.checkpointLine}` : 'started'}`,
          );
          const ended = await this.runner.run(job, { stopping: this.stopping.signal });
          this.logger.log(
            `Import ${ended.id}: ${ended.status}; ${ended.applied} applied, ${ended.unchanged} unchanged, ${ended.rejected} rejected`,
          );
          continue;
        }
      } catch (error) {
        // The job stays leased until its lease runs out; then it resumes from its checkpoint.
        this.logger.warn(`Import failed for now (${error instanceof Error ? error.message : String(error)}); trying again`);
      }
      await sleep(POLL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }
}

/**
 * Bulk imports: the job store (tables created on start) and the batch writer for the API and the CLI; with
 * `run: true`, the worker that runs the jobs.
 */
@Module({})
export class ImportsModule {
  static forRoot({ run }: { run: boolean }): DynamicModule {
    return {
      module: ImportsModule,
      imports: [ApplicationModule],
      providers: [
        {
          provide: ImportJobStore,
          useFactory: async (pool: Pool) => {
            const store = new ImportJobStore(pool);
            await store.setup();
            return store;
          },
          inject: [PG_POOL],
        },
        {
          provide: ImportBatch,
          useFactory: (writer: CustomerBatchWriter, index: ExternalReferenceIndex) => new ImportBatch(writer, index),
          inject: [CustomerBatchWriter, ExternalReferenceIndex],
        },
        ...(run ? [ImportWorker] : []),
      ],
      exports: [ImportJobStore, ImportBatch],
    };
  }
}
