import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The items of each purchase, net of returns, for segments by category and SKU; and what returns took back of each
 * purchase, so that its net amount counts. Found by category or SKU and time by index, never by a scan.
 */
export class PurchaseItems1732352400012 implements MigrationInterface {
  name = 'PurchaseItems1732352400012';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`ALTER TABLE crm.customer_purchases ADD COLUMN returned_amount numeric(19, 4) NOT NULL DEFAULT 0`);
    await sql.query(`
      CREATE TABLE crm.customer_purchase_items (
        customer_id uuid NOT NULL,
        order_id text NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        category text,
        quantity numeric(19, 4) NOT NULL,
        unit_price numeric(19, 4) NOT NULL,
        amount numeric(19, 4) NOT NULL,
        currency text NOT NULL,
        returned_quantity numeric(19, 4) NOT NULL DEFAULT 0,
        returned_amount numeric(19, 4) NOT NULL DEFAULT 0,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, order_id, sku)
      )`);
    await sql.query(`CREATE INDEX customer_purchase_items_category ON crm.customer_purchase_items (category, occurred_at, customer_id)`);
    await sql.query(`CREATE INDEX customer_purchase_items_sku ON crm.customer_purchase_items (sku, occurred_at, customer_id)`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE crm.customer_purchase_items`);
    await sql.query(`ALTER TABLE crm.customer_purchases DROP COLUMN returned_amount`);
  }
}
