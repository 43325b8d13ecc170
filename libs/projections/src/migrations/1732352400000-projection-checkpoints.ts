import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionCheckpoints1732352400000 implements MigrationInterface {
  name = 'ProjectionCheckpoints1732352400000';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        version integer NOT NULL,
        position numeric(40, 0),
        state text NOT NULL DEFAULT 'starting',
        error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        rebuild_requested_at timestamptz,
        rebuild_started_at timestamptz,
        rebuild_done bigint,
        rebuild_total bigint
      )`);
    await sql.query(
      `COMMENT ON COLUMN projection_checkpoints.position IS 'Last $all position applied (opaque, grows in $all order); NULL before the first event'`,
    );
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE projection_checkpoints`);
  }
}
