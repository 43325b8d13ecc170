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

  async report(name: string, state: ProjectionState, error?: string): Promise<void> {
    await this.db.query(`UPDATE projection_checkpoints SET state = $2, error = $3, updated_at = now() WHERE name = $1`, [
      name,
      state,
      error ?? null,
    ]);
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
