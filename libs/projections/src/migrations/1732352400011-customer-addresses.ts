import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's postal addresses, and the city and region of its location (visiting, else billing, else shipping
 * address) as columns, for segment rules and lists. Personal data: erasure empties all three.
 */
export class CustomerAddresses1732352400011 implements MigrationInterface {
  name = 'CustomerAddresses1732352400011';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`
      ALTER TABLE crm.customers
        ADD COLUMN addresses jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN city text,
        ADD COLUMN region text`);
    await sql.query(`CREATE INDEX customers_city ON crm.customers (city)`);
    await sql.query(`CREATE INDEX customers_region ON crm.customers (region)`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`ALTER TABLE crm.customers DROP COLUMN region, DROP COLUMN city, DROP COLUMN addresses`);
  }
}
