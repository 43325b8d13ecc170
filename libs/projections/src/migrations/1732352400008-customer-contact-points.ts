import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COMPARABLE_PHONE } from '../customers/contact-point-sql';

/** Finding the customer an inbound message is about by its e-mail or phone takes an index, not a scan. */
export class CustomerContactPoints1732352400008 implements MigrationInterface {
  name = 'CustomerContactPoints1732352400008';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE INDEX customers_email ON crm.customers (email, registered_at) WHERE status = 'active'`);
    await sql.query(`CREATE INDEX customers_phone ON crm.customers ((${COMPARABLE_PHONE}), registered_at) WHERE status = 'active'`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP INDEX crm.customers_phone`);
    await sql.query(`DROP INDEX crm.customers_email`);
  }
}
