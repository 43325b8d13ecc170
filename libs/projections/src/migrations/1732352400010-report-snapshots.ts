import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The report snapshots (snapshot_<name> schemas) and the jobs that build them. */
export class ReportSnapshots1732352400010 implements MigrationInterface {
  name = 'ReportSnapshots1732352400010';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`
      CREATE TABLE report_snapshots (
        name text PRIMARY KEY,
        schema text NOT NULL UNIQUE,
        as_of timestamptz NOT NULL,
        through numeric(40, 0),
        status text NOT NULL,
        events_read bigint NOT NULL DEFAULT 0,
        events_applied bigint NOT NULL DEFAULT 0,
        events_total bigint,
        error text,
        requested_by jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE report_snapshots`);
  }
}
