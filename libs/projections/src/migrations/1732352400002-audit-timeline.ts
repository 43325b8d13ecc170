import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTimeline1732352400002 implements MigrationInterface {
  name = 'AuditTimeline1732352400002';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SCHEMA IF NOT EXISTS crm`);
    await sql.query(`
      CREATE TABLE crm.audit_timeline (
        event_id uuid NOT NULL,
        record_kind text NOT NULL,
        record_id uuid NOT NULL,
        position numeric(40, 0) NOT NULL,
        customer_id uuid,
        stream_id text NOT NULL,
        revision integer NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz,
        recorded_at timestamptz NOT NULL,
        actor jsonb,
        correlation_id text,
        causation_id text,
        source text,
        summary text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (event_id, record_kind, record_id)
      )`);
    // The customer timeline: every event that affects the customer has exactly one row with record_kind 'customer'.
    await sql.query(`CREATE INDEX audit_timeline_customer ON crm.audit_timeline (customer_id, position) WHERE record_kind = 'customer'`);
    await sql.query(
      `COMMENT ON TABLE crm.audit_timeline IS 'One row per event per record it affects; rows are only ever inserted, never updated'`,
    );
    await sql.query(`
      CREATE TABLE crm.audit_record_links (
        record_id uuid PRIMARY KEY,
        record_kind text NOT NULL,
        customer_id uuid NOT NULL,
        deal_id uuid
      )`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE crm.audit_record_links, crm.audit_timeline`);
  }
}
