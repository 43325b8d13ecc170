import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a customer's personal data was erased (status 'erased'); the profile columns hold none of it from then on. */
export class CustomerErasure1732352400009 implements MigrationInterface {
  name = 'CustomerErasure1732352400009';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`ALTER TABLE crm.customers ADD COLUMN erased_at timestamptz`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`ALTER TABLE crm.customers DROP COLUMN erased_at`);
  }
}
