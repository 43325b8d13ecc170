import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentsReadModel1732352400004 implements MigrationInterface {
  name = 'SegmentsReadModel1732352400004';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SCHEMA IF NOT EXISTS crm`);
    await sql.query(`
      CREATE TABLE crm.segments (
        segment_id uuid PRIMARY KEY,
        name text NOT NULL,
        description text,
        rule jsonb NOT NULL,
        status text NOT NULL,
        time_based boolean NOT NULL,
        rfm_based boolean NOT NULL,
        defined_at timestamptz NOT NULL,
        redefined_at timestamptz,
        retired_at timestamptz,
        retire_reason text,
        revision integer NOT NULL
      )`);
    await sql.query(`
      CREATE TABLE crm.segment_memberships (
        segment_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        entered_at timestamptz NOT NULL,
        left_at timestamptz,
        PRIMARY KEY (segment_id, customer_id, entered_at)
      )`);
    await sql.query(
      `CREATE UNIQUE INDEX segment_memberships_current ON crm.segment_memberships (segment_id, customer_id) WHERE left_at IS NULL`,
    );
    await sql.query(`CREATE INDEX segment_memberships_of_customer ON crm.segment_memberships (customer_id) WHERE left_at IS NULL`);
    await sql.query(
      `COMMENT ON TABLE crm.segment_memberships IS 'One row per stay of a customer in a segment; left_at is null while the customer is a member'`,
    );
    // Not a projection's table: RFM scores are computed from crm.customers on a schedule, not from events.
    await sql.query(`
      CREATE TABLE crm.customer_rfm (
        customer_id uuid PRIMARY KEY,
        recency smallint NOT NULL,
        frequency smallint NOT NULL,
        monetary smallint NOT NULL,
        currency text NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
    await sql.query(
      `COMMENT ON TABLE crm.customer_rfm IS 'RFM quintile scores (1-5, 5 best) of customers with purchases; monetary ranks within the customer''s main currency'`,
    );
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE crm.customer_rfm, crm.segment_memberships, crm.segments`);
  }
}
