import type { MigrationInterface, QueryRunner } from 'typeorm';
import { VIEWS_OF_MIGRATION_6 } from './1732352400006-analytics-schema';
import { createAnalyticsView, day, grantAnalystReads, owner, same, type View } from './analytics-views';

const category: View['columns'][number] = ['category', `nullif(category, '')`, 'Product category of the lines; null: none given'];

const ORDERS_BEFORE = VIEWS_OF_MIGRATION_6.find((view) => view.name === 'orders') as View;

/** The orders view as migration 006 made it, with what returns and reversals did to each order at the end. */
const ORDERS: View = {
  ...ORDERS_BEFORE,
  comment: 'One row per purchase recorded; a reversed one has reversed_at set and no longer counts in the facts',
  columns: [
    ...ORDERS_BEFORE.columns,
    same('returned_amount', 'What returns (credit notes) took back of the order, exact'),
    same('reversed_at', 'When the order was taken back in full; null while it stands'),
  ],
};

const DAILY_CATEGORY_FACTS: View = {
  name: 'daily_category_facts',
  comment: 'Purchase lines per day the purchase happened, owner of the customer then, product category and currency, net of returns',
  from: 'crm.daily_category_facts',
  columns: [
    day,
    owner,
    category,
    same('currency', 'Currency of the amounts'),
    same('quantity', 'Units bought less units returned, exact'),
    same('revenue', 'Line amounts less what returns took back, exact'),
  ],
};

const MONTHLY_CATEGORY_REVENUE: View = {
  name: 'monthly_category_revenue',
  comment: 'Revenue per calendar month (UTC) of the purchase, owner, product category and currency, net of returns',
  from: 'crm.daily_category_facts',
  groupBy: '1, 2, 3, 4',
  columns: [
    ['month', `date_trunc('month', day::timestamp)::date`, 'First day of the month'],
    owner,
    category,
    same('currency', 'Currency'),
    ['quantity', 'sum(quantity)', 'Units bought less units returned, exact'],
    ['revenue', 'sum(revenue)', 'Line amounts less what returns took back, exact'],
  ],
};

/**
 * Analytics learn returns and reversals (until now a reversed purchase still counted) and the lines of purchases: what
 * each order and line had taken back, and daily facts per product category for revenue by category.
 */
export class AnalyticsPurchaseCorrections1732352400013 implements MigrationInterface {
  name = 'AnalyticsPurchaseCorrections1732352400013';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`
      ALTER TABLE crm.analytics_orders
        ADD COLUMN returned_amount numeric(19, 4) NOT NULL DEFAULT 0,
        ADD COLUMN reversed_at timestamptz`);
    await sql.query(`
      CREATE TABLE crm.analytics_order_items (
        customer_id uuid NOT NULL,
        order_id text NOT NULL,
        sku text NOT NULL,
        category text NOT NULL,
        quantity numeric(19, 4) NOT NULL,
        amount numeric(19, 4) NOT NULL,
        returned_quantity numeric(19, 4) NOT NULL DEFAULT 0,
        returned_amount numeric(19, 4) NOT NULL DEFAULT 0,
        PRIMARY KEY (customer_id, order_id, sku)
      )`);
    await sql.query(`
      CREATE TABLE crm.daily_category_facts (
        day date NOT NULL,
        owner text NOT NULL,
        category text NOT NULL,
        currency text NOT NULL,
        quantity numeric NOT NULL DEFAULT 0,
        revenue numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (day, owner, category, currency)
      )`);
    await createAnalyticsView(sql, ORDERS, { replace: true });
    await createAnalyticsView(sql, DAILY_CATEGORY_FACTS);
    await createAnalyticsView(sql, MONTHLY_CATEGORY_REVENUE);
    await grantAnalystReads(sql);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP VIEW analytics.monthly_category_revenue, analytics.daily_category_facts`);
    await sql.query(`DROP VIEW analytics.orders`);
    await createAnalyticsView(sql, ORDERS_BEFORE);
    await sql.query(`DROP TABLE crm.daily_category_facts, crm.analytics_order_items`);
    await sql.query(`ALTER TABLE crm.analytics_orders DROP COLUMN returned_amount, DROP COLUMN reversed_at`);
  }
}
