import type { GlobalPosition } from '@ledgerline/event-store';
import type { EntityManager, QueryRunner } from 'typeorm';

export type ProjectionState = 'starting' | 'live' | 'rebuilding' | 'standby' | 'failed' | 'stopped';

export type Checkpoint = Readonly<{
  name: string;
  version: number;
  /** undefined: nothing processed yet. */
  position: GlobalPosition | undefined;
  /** As the active runner last reported it, so that any process can tell. */
  state: ProjectionState;
  error: string | undefined;
  updatedAt: Date;
}>;

type Row = { name: string; version: number; position: string | null; state: ProjectionState; error: string | null; updated_at: Date };

const COLUMNS = 'name, version, position::text AS position, state, error, updated_at';

const toCheckpoint = (row: Row): Checkpoint => ({
  name: row.name,
  version: row.version,
  position: row.position === null ? undefined : BigInt(row.position),
  state: row.state,
  error: row.error ?? undefined,
  updatedAt: row.updated_at,
});

/** Where each projection stands in $all. Positions are numeric: they outgrow bigint (ADR 0002). */
export class Checkpoints {
  constructor(private readonly db: EntityManager) {}

  async load(name: string): Promise<Checkpoint | undefined> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM projection_checkpoints WHERE name = $1`, [name]);
    return rows[0] && toCheckpoint(rows[0]);
  }

  async loadAll(): Promise<Checkpoint[]> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM projection_checkpoints ORDER BY name`);
    return rows.map(toCheckpoint);
  }

  /** Creates the row of a projection that never ran, at the start of the log. */
  async register(name: string, version: number): Promise<Checkpoint> {
    await this.db.query(
      `INSERT INTO projection_checkpoints (name, version, position) VALUES ($1, $2, NULL) ON CONFLICT (name) DO NOTHING`,
      [name, version],
    );
    return (await this.load(name)) as Checkpoint;
  }

  /** Asks the projection's active runner, wherever it runs, to rebuild it. */
  async requestRebuild(name: string): Promise<void> {
    await this.db.query(`UPDATE projection_checkpoints SET rebuild_requested_at = now() WHERE name = $1`, [name]);
  }

  async rebuildRequested(name: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM projection_checkpoints WHERE name = $1 AND rebuild_requested_at IS NOT NULL`,
      [name],
    );
    return rows.length > 0;
  }

  async rebuildProgress(name: string): Promise<{ done: number; total: number | undefined; startedAt: Date | undefined } | undefined> {
    const rows: { rebuild_done: string | null; rebuild_total: string | null; rebuild_started_at: Date | null }[] = await this.db.query(
      `SELECT rebuild_done, rebuild_total, rebuild_started_at FROM projection_checkpoints WHERE name = $1`,
      [name],
    );
    const row = rows[0];
    return (
      row && {
        done: Number(row.rebuild_done ?? 0),
        total: row.rebuild_total === null ? undefined : Number(row.rebuild_total),
        startedAt: row.rebuild_started_at ?? undefined,
      }
    );
  }

  async reportRebuild(name: string, progress: { done: number; total: number | undefined; startedAt: Date }): Promise<void> {
    await this.db.query(
      `UPDATE projection_checkpoints SET rebuild_done = $2, rebuild_total = $3, rebuild_started_at = $4 WHERE name = $1`,
      [name, progress.done, progress.total ?? null, progress.startedAt],
    );
  }

  async report(name: string, state: ProjectionState, error?: string): Promise<void> {
    await this.db.query(`UPDATE projection_checkpoints SET state = $2, error = $3, updated_at = now() WHERE name = $1`, [
      name,
      state,
      error ?? null,
    ]);
  }

  /** After a rebuild: the projection now stands where the replay ended, at this version. */
  static async reset(sql: QueryRunner, name: string, position: GlobalPosition | undefined, version: number): Promise<void> {
    await sql.query(
      `UPDATE projection_checkpoints SET position = $2::numeric, version = $3, rebuild_requested_at = NULL, updated_at = now() WHERE name = $1`,
      [name, position?.toString() ?? null, version],
    );
  }

  /**
   * Moves the checkpoint inside the batch's transaction. It only moves from where this runner
   * believes it is: a second runner that slipped past the advisory lock fails instead of counting twice.
   */
  static async advance(
    sql: QueryRunner,
    name: string,
    from: GlobalPosition | undefined,
    to: GlobalPosition,
    version: number,
  ): Promise<void> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, moved]: [unknown[], number] = await sql.query(
      `UPDATE projection_checkpoints SET position = $3::numeric, version = $4, updated_at = now()
       WHERE name = $1 AND position IS NOT DISTINCT FROM $2::numeric`,
      [name, from?.toString() ?? null, to.toString(), version],
    );
    if (moved !== 1) throw new Error(`Checkpoint of ${name} moved under this runner: another runner is active`);
  }
}
