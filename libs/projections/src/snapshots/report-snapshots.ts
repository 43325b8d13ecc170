import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import type { DataSource } from 'typeorm';
import { READ_MODEL_DATABASE } from '../tokens';
import { buildSnapshot, dropSnapshotSchemas, SnapshotExists, type SnapshotProgress } from './snapshot-builder';
import { snapshotName } from './snapshot-name';

/** A snapshot and the job that builds it; `interrupted`: its builder stopped (a crash) before it was ready. */
export type SnapshotView = Readonly<{
  name: string;
  schema: string;
  asOf: string;
  through: string | null;
  status: 'building' | 'ready' | 'failed' | 'interrupted';
  eventsRead: number;
  eventsApplied: number;
  eventsTotal: number | null;
  error: string | null;
  requestedBy: unknown;
  createdAt: string;
  finishedAt: string | null;
}>;

/** The instant is not a past one: a snapshot shows what was, never what might be. */
export class SnapshotInstantInFuture extends Error {
  constructor(readonly asOf: Date) {
    super(`asOf ${asOf.toISOString()} is in the future: a snapshot shows the read models as they stood at a past instant.`);
    this.name = 'SnapshotInstantInFuture';
  }
}

export class SnapshotNotFound extends Error {
  constructor(readonly snapshot: string) {
    super(`There is no snapshot named ${JSON.stringify(snapshot)}.`);
    this.name = 'SnapshotNotFound';
  }
}

/** A builder that has not reported for this long has stopped. */
const STALE_SECONDS = 60;
const HEARTBEAT_MS = 1_000;

type Row = {
  name: string;
  schema: string;
  as_of: Date;
  through: string | null;
  status: 'building' | 'ready' | 'failed';
  events_read: string;
  events_applied: string;
  events_total: string | null;
  error: string | null;
  requested_by: unknown;
  created_at: Date;
  finished_at: Date | null;
  stale: boolean;
};

const COLUMNS = `name, schema, as_of, through::text AS through, status, events_read, events_applied, events_total, error, requested_by,
  created_at, finished_at, (status = 'building' AND heartbeat_at < now() - interval '${STALE_SECONDS} seconds') AS stale`;

const toView = (row: Row): SnapshotView => ({
  name: row.name,
  schema: row.schema,
  asOf: row.as_of.toISOString(),
  through: row.through,
  status: row.stale ? 'interrupted' : row.status,
  eventsRead: Number(row.events_read),
  eventsApplied: Number(row.events_applied),
  eventsTotal: row.events_total === null ? null : Number(row.events_total),
  error: row.error,
  requestedBy: row.requested_by,
  createdAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

/**
 * Report snapshots: the read models rebuilt as they stood at an instant, in their own schema, with the analytics
 * views over them (snapshot-builder.ts). Jobs are rows of report_snapshots with their counts, so progress shows from
 * any process.
 */
@Injectable()
export class ReportSnapshots {
  private readonly logger = new Logger('ReportSnapshots');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly dataSource: DataSource,
  ) {}

  /** Registers the snapshot and builds it in the background; the answer is the job as it starts. */
  async start(name: string, asOf: Date, requestedBy: unknown, now = new Date()): Promise<SnapshotView> {
    const job = await this.register(name, asOf, requestedBy, now);
    void this.build(name, asOf, () => undefined).catch(() => undefined);
    return job;
  }

  /** Registers and builds it, resolving once it is ready (the CLI). */
  async create(name: string, asOf: Date, requestedBy: unknown, onProgress: (progress: SnapshotProgress) => void, now = new Date()) {
    await this.register(name, asOf, requestedBy, now);
    await this.build(name, asOf, onProgress);
    return this.get(name);
  }

  async list(): Promise<SnapshotView[]> {
    return (await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM report_snapshots ORDER BY as_of, name`)).map(toView);
  }

  async get(name: string): Promise<SnapshotView> {
    const [row] = await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM report_snapshots WHERE name = $1`, [name]);
    if (!row) throw new SnapshotNotFound(name);
    return toView(row);
  }

  /** Drops the snapshot's schemas and its record: a building one too (its builder then fails on its next batch). */
  async drop(name: string): Promise<void> {
    const snapshot = snapshotName(name);
    const [{ deleted }]: { deleted: number }[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM report_snapshots WHERE name = $1 RETURNING 1) SELECT count(*)::int AS deleted FROM gone`,
      [name],
    );
    const dropped = await dropSnapshotSchemas(this.dataSource, snapshot);
    if (deleted === 0 && !dropped) throw new SnapshotNotFound(name);
  }

  private async register(name: string, asOf: Date, requestedBy: unknown, now: Date): Promise<SnapshotView> {
    const snapshot = snapshotName(name);
    if (asOf.getTime() > now.getTime()) throw new SnapshotInstantInFuture(asOf);
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO report_snapshots (name, schema, as_of, status, requested_by)
       SELECT $1, $2::text, $3, 'building', $4 WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $2::text)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [snapshot.name, snapshot.schema, asOf.toISOString(), JSON.stringify(requestedBy ?? null)],
    );
    if (!row) throw new SnapshotExists(name);
    return toView(row);
  }

  private async build(name: string, asOf: Date, onProgress: (progress: SnapshotProgress) => void): Promise<void> {
    let reported = 0;
    const report = async (progress: SnapshotProgress, force = false) => {
      onProgress(progress);
      if (!force && Date.now() - reported < HEARTBEAT_MS) return;
      reported = Date.now();
      await this.dataSource.query(
        `UPDATE report_snapshots SET events_read = $2, events_applied = $3, events_total = $4, heartbeat_at = now() WHERE name = $1`,
        [name, progress.read, progress.applied, progress.total ?? null],
      );
    };
    try {
      let last: SnapshotProgress = { read: 0, applied: 0, total: undefined };
      const built = await buildSnapshot(snapshotName(name), asOf, this.store, this.dataSource, (progress) => {
        last = { ...progress };
        void report(last).catch(() => undefined);
      });
      await report(last, true);
      await this.dataSource.query(`UPDATE report_snapshots SET status = 'ready', through = $2, finished_at = now() WHERE name = $1`, [
        name,
        built.through?.toString() ?? null,
      ]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`Snapshot ${name} failed: ${message}`);
      await this.dataSource
        .query(`UPDATE report_snapshots SET status = 'failed', error = $2, finished_at = now() WHERE name = $1`, [name, message])
        .catch(() => undefined);
      throw error;
    }
  }
}
