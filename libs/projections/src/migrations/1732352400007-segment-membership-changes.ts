import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbers every change of segment membership (a stay opened or closed) so that it can be published in order:
 * writers of memberships hold a table lock until commit, so numbers are taken and committed in the same order.
 */
export class SegmentMembershipChanges1732352400007 implements MigrationInterface {
  name = 'SegmentMembershipChanges1732352400007';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SEQUENCE crm.segment_membership_changes`);
    await sql.query(
      `ALTER TABLE crm.segment_memberships ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('crm.segment_membership_changes')`,
    );
    await sql.query(`CREATE INDEX segment_memberships_change_seq ON crm.segment_memberships (change_seq)`);
    await sql.query(
      `COMMENT ON COLUMN crm.segment_memberships.change_seq IS 'Number of the last change of this stay (entered or left), increasing in commit order'`,
    );
    await sql.query(`
      CREATE TABLE crm.relay_cursors (
        name text PRIMARY KEY,
        last_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await sql.query(`COMMENT ON TABLE crm.relay_cursors IS 'How far each publisher of numbered changes (not of the log) has published'`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP TABLE crm.relay_cursors`);
    await sql.query(`ALTER TABLE crm.segment_memberships DROP COLUMN change_seq`);
    await sql.query(`DROP SEQUENCE crm.segment_membership_changes`);
  }
}
