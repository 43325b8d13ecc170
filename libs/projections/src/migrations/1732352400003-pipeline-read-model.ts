import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineReadModel1732352400003 implements MigrationInterface {
  name = 'PipelineReadModel1732352400003';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SCHEMA IF NOT EXISTS crm`);
    await sql.query(`
      CREATE TABLE crm.deals (
        deal_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        title text NOT NULL,
        amount numeric(19, 4) NOT NULL,
        currency text NOT NULL,
        pipeline_id uuid NOT NULL,
        stage_id text NOT NULL,
        probability integer NOT NULL,
        expected_close_date date,
        owner text,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        stage_entered_at timestamptz NOT NULL,
        lost_reason text,
        revision integer NOT NULL
      )`);
    await sql.query(`CREATE INDEX deals_open_by_stage ON crm.deals (pipeline_id, stage_id) WHERE status = 'open'`);
    await sql.query(`CREATE INDEX deals_open_by_close_date ON crm.deals (pipeline_id, expected_close_date) WHERE status = 'open'`);
    await sql.query(`CREATE INDEX deals_opened_at ON crm.deals (opened_at, deal_id)`);
    await sql.query(`CREATE INDEX deals_amount ON crm.deals (amount, deal_id)`);
    await sql.query(`CREATE INDEX deals_customer ON crm.deals (customer_id)`);
    await sql.query(`CREATE INDEX deals_owner ON crm.deals (owner)`);
    await sql.query(`
      CREATE TABLE crm.deal_stage_history (
        deal_id uuid NOT NULL,
        seq integer NOT NULL,
        stage_id text NOT NULL,
        entered_at timestamptz NOT NULL,
        left_at timestamptz,
        PRIMARY KEY (deal_id, seq)
      )`);
    await sql.query(
      `COMMENT ON TABLE crm.deal_stage_history IS 'One row per stage a deal entered (opened, moved, reopened); left_at is set when it moves on or closes'`,
    );
    await sql.query(`
      CREATE TABLE crm.pipeline_stages (
        pipeline_id uuid NOT NULL,
        stage_id text NOT NULL,
        position integer NOT NULL,
        name text NOT NULL,
        probability integer NOT NULL,
        PRIMARY KEY (pipeline_id, stage_id)
      )`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE crm.pipeline_stages, crm.deal_stage_history, crm.deals`);
  }
}
