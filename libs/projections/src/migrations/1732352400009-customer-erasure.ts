import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a customer's personal data was erased (status 'erased'); the profile columns hold none of it from then on. */
export class CustomerErasure1732352400009 implements MigrationInterface {
  name = 'CustomerErasure1732352400009';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`ALTER TABLE crm.customers ADD COLUMN erased_at timestamptz`);
    await sql.query(
      `COMMENT ON COLUMN analytics.customers.status IS 'active, archived or erased (its personal data erased; it still counts)'`,
    );
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`ALTER TABLE crm.customers DROP COLUMN erased_at`);
  }
}
