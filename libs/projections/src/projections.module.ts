import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { DATABASE, LEDGERLINE_CONFIG, type Database, type LedgerlineConfig } from '@ledgerline/platform';
import type { DataSource } from 'typeorm';
import { ReportSnapshots } from './snapshots/report-snapshots';
import { KpiQueries } from './analytics/kpi.queries';
import { AuditTimelineQueries } from './audit/audit-timeline.queries';
import { CustomersQueries } from './customers/customers.queries';
import { DealPerformanceQueries } from './pipeline/deal-performance.queries';
import { PipelineQueries } from './pipeline/pipeline.queries';
import { PROJECTIONS } from './projections';
import { openReadModelDatabase } from './read-model-database';
import { ReadModelFreshness } from './read-model-freshness';
import { Checkpoints } from './runner/checkpoints';
import type { Projection } from './runner/projection';
import { ProjectionRunner } from './runner/projection-runner';
import { RebuildService } from './runner/rebuild-service';
import { projectionStatus, type ProjectionStatus } from './runner/projection-status';

import { SegmentRefresher } from './segments/segment-refresher';
import { SegmentQueries } from './segments/segments.queries';
import { SegmentSchedule } from './segments/segment-schedule';
import { READ_MODEL_DATABASE } from './tokens';
const RUN_PROJECTIONS = Symbol.for('ledgerline.run-projections');

/** The read models' queries: provided, and exported for the controllers. */
const READ_MODEL_QUERIES = [
  CustomersQueries,
  AuditTimelineQueries,
  PipelineQueries,
  DealPerformanceQueries,
  KpiQueries,
  SegmentQueries,
  SegmentRefresher,
];

/** Runs the projections of this process (when asked to) and reports every projection's standing. */
@Injectable()
export class ProjectionSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];
  private readonly extra: Projection[] = [];
  private readonly segmentSchedule: SegmentSchedule;

  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUN_PROJECTIONS) private readonly run: boolean,
    @Inject(LEDGERLINE_CONFIG) config: LedgerlineConfig,
    segments: SegmentRefresher,
  ) {
    this.segmentSchedule = new SegmentSchedule(segments, {
      refreshMs: config.segmentRefreshSeconds * 1000,
      rfmMs: config.rfmRefreshSeconds * 1000,
      log: (message) => this.logger.log(message),
    });
  }

  /** Subscribers built elsewhere that run like projections (the Kafka relay); call before bootstrap. */
  register(projection: Projection): void {
    this.extra.push(projection);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.run) return;
    for (const projection of [...PROJECTIONS, ...this.extra]) {
      const runner = new ProjectionRunner(projection, this.store, this.dataSource, {
        batchSize: 500,
        standbyRetryMs: 5_000,
        rebuildCheckMs: 2_000,
        log: (message) => this.logger.error(message),
      });
      this.runners.push(runner);
      await runner.start();
    }
    this.segmentSchedule.start();
  }

  /** Runners stop (finishing their batch) before the read-model database and the event store close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.segmentSchedule.stop();
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.dataSource.destroy();
  }

  async status(): Promise<ProjectionStatus[]> {
    const now = new Date();
    const checkpoints = await new Checkpoints(this.dataSource.manager).loadAll();
    return Promise.all(checkpoints.map((checkpoint) => projectionStatus(checkpoint, this.store, now)));
  }
}

/** Read models: their database (migrated on start), queries, freshness and, if `run`, their runners. */
@Module({})
export class ProjectionsModule {
  static forRoot({ run }: { run: boolean }): DynamicModule {
    return {
      module: ProjectionsModule,
      // One per process, and other modules (the Kafka relay) register with its supervisor.
      global: true,
      providers: [
        {
          provide: READ_MODEL_DATABASE,
          useFactory: (database: Database, config: LedgerlineConfig) => openReadModelDatabase(database.url, config.databasePoolSize),
          inject: [DATABASE, LEDGERLINE_CONFIG],
        },
        { provide: RUN_PROJECTIONS, useValue: run },
        ProjectionSupervisor,
        ReadModelFreshness,
        ...READ_MODEL_QUERIES,
        RebuildService,
        ReportSnapshots,
      ],
      exports: [READ_MODEL_DATABASE, ProjectionSupervisor, ReadModelFreshness, ...READ_MODEL_QUERIES, RebuildService, ReportSnapshots],
    };
  }
}
