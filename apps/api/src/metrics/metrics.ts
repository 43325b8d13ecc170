import { Inject, Injectable } from '@nestjs/common';
import type { CommandObserver, CommandResult } from '@ledgerline/application';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { PG_POOL } from '@ledgerline/platform';
import { ProjectionSupervisor, READ_MODEL_DATABASE } from '@ledgerline/projections';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { eventStoreAnswers } from '../health/probes';

const POOL_STATES = ['total', 'idle', 'waiting'] as const;

/** The read models' TypeORM connection keeps a pg Pool of its own ("master" in TypeORM's driver). */
const poolOf = (dataSource: DataSource): Pool | undefined => (dataSource.driver as unknown as { master?: Pool }).master;

/**
 * This process's Prometheus series (docs/operations.md lists them). Counters and the histogram move as
 * things happen; lag, pools and store health are read at each scrape. One registry per app
 * instance, so that tests can run several apps in one process.
 */
@Injectable()
export class Metrics implements CommandObserver {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'ledgerline_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly commands = new Counter({
    name: 'ledgerline_commands_total',
    help: 'Commands executed by record kind and result: ok, conflict (If-Match or retries lost), rejected (a business rule), failed',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  private readonly eventsAppended = new Counter({
    name: 'ledgerline_events_appended_total',
    help: 'Events appended to the event store by this process, by record kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  private readonly eventStoreUp = new Gauge({
    name: 'ledgerline_event_store_up',
    help: '1 when the event store answered a ping within 2 s at scrape time, else 0',
    registers: [this.registry],
  });

  private readonly poolConnections = new Gauge({
    name: 'ledgerline_pg_pool_connections',
    help: 'PostgreSQL pool connections by pool (events: event store and API tables; read-models) and state (total, idle, waiting clients)',
    labelNames: ['pool', 'state'] as const,
    registers: [this.registry],
  });

  private readonly lagEvents = new Gauge({
    name: 'ledgerline_projection_lag_events',
    help: 'Events in the log not yet applied by a projection (the Kafka relay is projection="kafka-relay"); counted up to 10000',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  private readonly lagSeconds = new Gauge({
    name: 'ledgerline_projection_lag_seconds',
    help: 'Age of the oldest event a projection (or the Kafka relay) has not applied yet; 0 when caught up',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  private readonly projectionState = new Gauge({
    name: 'ledgerline_projection_state',
    help: '1 for the state each projection reports (live, rebuilding, standby, failed, stopped)',
    labelNames: ['projection', 'state'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(READ_MODEL_DATABASE) private readonly readModels: DataSource,
    private readonly projections: ProjectionSupervisor,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  commandFinished(recordKind: string, result: CommandResult, eventsAppended: number): void {
    this.commands.inc({ kind: recordKind, result });
    if (eventsAppended > 0) this.eventsAppended.inc({ kind: recordKind }, eventsAppended);
  }

  /** The Prometheus text, with lag, pools and store health read now. */
  async scrape(): Promise<string> {
    const [storeUp, statuses] = await Promise.all([eventStoreAnswers(this.store), this.projections.status().catch(() => [])]);
    this.eventStoreUp.set(storeUp ? 1 : 0);
    this.poolConnections.reset();
    for (const [name, pool] of [
      ['events', this.pool],
      ['read-models', poolOf(this.readModels)],
    ] as const) {
      if (!pool) continue;
      const counts = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
      for (const state of POOL_STATES) this.poolConnections.set({ pool: name, state }, counts[state]);
    }
    // Projections whose status cannot be read (the database is down) have no series rather than stale ones.
    for (const gauge of [this.projectionState, this.lagEvents, this.lagSeconds]) gauge.reset();
    for (const status of statuses) {
      this.projectionState.set({ projection: status.name, state: status.state }, 1);
      this.lagEvents.set({ projection: status.name }, status.lagEvents);
      this.lagSeconds.set({ projection: status.name }, status.lagSeconds);
    }
    return this.registry.metrics();
  }
}
