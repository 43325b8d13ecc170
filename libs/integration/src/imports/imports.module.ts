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
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { ImportBatch } from './import-batch';
import { ImportJobRunner } from './import-job-runner';
import { ImportJobStore, LEASE_SECONDS, type ImportJob } from './import-job.store';

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
      const job = await this.store.lease(this.runner.owner).catch((error: unknown) => this.warn('Looking for imports', error));
      if (job) {
        await this.run(job);
        continue;
      }
      await sleep(POLL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private async run(job: ImportJob): Promise<void> {
    this.logger.log(
      `Import ${job.id} (${job.kind}, ${job.format}) ${job.checkpointLine > 0 ? `resumed after line ${job.checkpointLine}` : 'started'}`,
    );
    try {
      const ended = await this.runner.run(job, { stopping: this.stopping.signal });
      this.logger.log(
        `Import ${ended.id}: ${ended.status}; ${ended.applied} applied, ${ended.unchanged} unchanged, ${ended.rejected} rejected`,
      );
    } catch (error) {
      // The reason names the error's kind only: a driver's message may quote a value of the file.
      const reason = error instanceof Error ? `${error.name}${'code' in error ? ` (${String(error.code)})` : ''}` : 'unknown error';
      this.warn(`Import ${job.id}`, error);
      await this.store.failedAttempt(job.id, this.runner.owner, reason).catch((failure: unknown) => this.warn(`Import ${job.id}`, failure));
    }
  }

  private warn(what: string, error: unknown): undefined {
    this.logger.warn(
      `${what} failed for now (${error instanceof Error ? error.name : 'error'}); trying again after the lease of ${LEASE_SECONDS} s`,
    );
    return undefined;
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
          useFactory: (writer: CustomerBatchWriter, index: ExternalReferenceIndex, commands: CommandBus) =>
            new ImportBatch(writer, index, (command) => commands.execute(command)),
          inject: [CustomerBatchWriter, ExternalReferenceIndex, CommandBus],
        },
        ...(run ? [ImportWorker] : []),
      ],
      exports: [ImportJobStore, ImportBatch],
    };
  }
}
