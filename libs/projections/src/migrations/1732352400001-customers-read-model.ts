import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomersReadModel1732352400001 implements MigrationInterface {
  name = 'CustomersReadModel1732352400001';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SCHEMA IF NOT EXISTS crm`);
    await sql.query(`
      CREATE TABLE crm.customers (
        customer_id uuid PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        email text,
        phone text,
        country text,
        industry text,
        owner text,
        lifecycle_stage text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        custom_fields jsonb NOT NULL DEFAULT '{}',
        external_refs jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL,
        registered_at timestamptz NOT NULL,
        archived_at timestamptz,
        archive_reason text,
        revision integer NOT NULL,
        open_deals integer NOT NULL DEFAULT 0,
        won_deals integer NOT NULL DEFAULT 0,
        lost_deals integer NOT NULL DEFAULT 0,
        open_pipeline_value jsonb NOT NULL DEFAULT '{}',
        interaction_count integer NOT NULL DEFAULT 0,
        interactions_by_channel jsonb NOT NULL DEFAULT '{}',
        last_interaction_at timestamptz,
        last_interaction_channel text,
        order_count integer NOT NULL DEFAULT 0,
        purchase_totals jsonb NOT NULL DEFAULT '{}',
        first_purchase_at timestamptz,
        last_purchase_at timestamptz
      )`);
    await sql.query(`CREATE INDEX customers_lifecycle_stage ON crm.customers (lifecycle_stage)`);
    await sql.query(`CREATE INDEX customers_owner ON crm.customers (owner)`);
    await sql.query(`CREATE INDEX customers_country ON crm.customers (country)`);
    await sql.query(`CREATE INDEX customers_industry ON crm.customers (industry)`);
    await sql.query(`CREATE INDEX customers_tags ON crm.customers USING gin (tags)`);
    await sql.query(`CREATE INDEX customers_name ON crm.customers (lower(name), customer_id)`);
    await sql.query(`CREATE INDEX customers_registered_at ON crm.customers (registered_at, customer_id)`);
    await sql.query(`
      CREATE TABLE crm.customer_deals (
        deal_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        status text NOT NULL,
        amount numeric(19, 4) NOT NULL,
        currency text NOT NULL
      )`);
    await sql.query(`CREATE INDEX customer_deals_customer ON crm.customer_deals (customer_id)`);
    await sql.query(`
      CREATE TABLE crm.customer_interactions (
        interaction_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        channel text NOT NULL,
        occurred_at timestamptz NOT NULL,
        deleted boolean NOT NULL DEFAULT false
      )`);
    await sql.query(`CREATE INDEX customer_interactions_customer ON crm.customer_interactions (customer_id)`);
    await sql.query(`
      CREATE TABLE crm.customer_purchases (
        customer_id uuid NOT NULL,
        order_id text NOT NULL,
        amount numeric(19, 4) NOT NULL,
        currency text NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, order_id)
      )`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE crm.customer_purchases, crm.customer_interactions, crm.customer_deals, crm.customers`);
  }
}
