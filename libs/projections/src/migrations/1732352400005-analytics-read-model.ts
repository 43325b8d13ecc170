import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The analytics projection: daily facts (additive counters, '' = no owner) and the per-record state they are kept from. */
export class AnalyticsReadModel1732352400005 implements MigrationInterface {
  name = 'AnalyticsReadModel1732352400005';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SCHEMA IF NOT EXISTS crm`);
    await sql.query(`
      CREATE TABLE crm.daily_customer_facts (
        day date NOT NULL,
        owner text NOT NULL,
        lifecycle_stage text NOT NULL,
        new_customers integer NOT NULL DEFAULT 0,
        entered integer NOT NULL DEFAULT 0,
        exited integer NOT NULL DEFAULT 0,
        transferred_in integer NOT NULL DEFAULT 0,
        transferred_out integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, owner, lifecycle_stage)
      )`);
    await sql.query(`
      CREATE TABLE crm.daily_deal_facts (
        day date NOT NULL,
        owner text NOT NULL,
        pipeline_id uuid NOT NULL,
        currency text NOT NULL,
        opened integer NOT NULL DEFAULT 0,
        won integer NOT NULL DEFAULT 0,
        lost integer NOT NULL DEFAULT 0,
        opened_amount numeric NOT NULL DEFAULT 0,
        won_amount numeric NOT NULL DEFAULT 0,
        lost_amount numeric NOT NULL DEFAULT 0,
        won_cycle_seconds numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (day, owner, pipeline_id, currency)
      )`);
    await sql.query(`
      CREATE TABLE crm.daily_interaction_facts (
        day date NOT NULL,
        owner text NOT NULL,
        channel text NOT NULL,
        direction text NOT NULL,
        interactions integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, owner, channel, direction)
      )`);
    await sql.query(`
      CREATE TABLE crm.daily_purchase_facts (
        day date NOT NULL,
        owner text NOT NULL,
        currency text NOT NULL,
        orders integer NOT NULL DEFAULT 0,
        revenue numeric NOT NULL DEFAULT 0,
        customers integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, owner, currency)
      )`);
    await sql.query(`
      CREATE TABLE crm.analytics_customers (
        customer_id uuid PRIMARY KEY,
        owner text,
        lifecycle_stage text NOT NULL
      )`);
    await sql.query(`
      CREATE TABLE crm.analytics_deals (
        deal_id uuid PRIMARY KEY,
        owner text,
        pipeline_id uuid NOT NULL,
        currency text NOT NULL,
        amount numeric(19, 4) NOT NULL,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await sql.query(`
      CREATE TABLE crm.analytics_interactions (
        interaction_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        owner text,
        channel text NOT NULL,
        direction text NOT NULL,
        occurred_at timestamptz NOT NULL,
        deleted boolean NOT NULL
      )`);
    await sql.query(`CREATE INDEX analytics_interactions_occurred_at ON crm.analytics_interactions (occurred_at) WHERE NOT deleted`);
    await sql.query(`
      CREATE TABLE crm.analytics_orders (
        customer_id uuid NOT NULL,
        order_id text NOT NULL,
        owner text,
        currency text NOT NULL,
        amount numeric(19, 4) NOT NULL,
        occurred_at timestamptz NOT NULL,
        day date NOT NULL,
        PRIMARY KEY (customer_id, order_id)
      )`);
    await sql.query(`CREATE INDEX analytics_orders_customer_day ON crm.analytics_orders (customer_id, day)`);
    await sql.query(`CREATE INDEX analytics_orders_occurred_at ON crm.analytics_orders (occurred_at)`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`
      DROP TABLE crm.analytics_orders, crm.analytics_interactions, crm.analytics_deals, crm.analytics_customers,
        crm.daily_purchase_facts, crm.daily_interaction_facts, crm.daily_deal_facts, crm.daily_customer_facts`);
  }
}
