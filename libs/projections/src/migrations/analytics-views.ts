import type { QueryRunner } from 'typeorm';

/** [column, expression over the source, meaning]. */
export type Column = readonly [string, string, string];
export type View = Readonly<{ name: string; comment: string; from: string; columns: readonly Column[]; where?: string; groupBy?: string }>;

export const same = (name: string, meaning: string): Column => [name, name, meaning];
export const owner: Column = ['owner', `nullif(owner, '')`, 'Owner the figures are attributed to; null: no owner'];
export const day: Column = ['day', 'day', 'UTC calendar date the figures happened on'];

export const ANALYST_ROLE = 'ledgerline_analyst';

export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Creates a view of schema `analytics` with its comments. `replace` redefines an existing one: PostgreSQL lets a view
 * only gain columns at the end, so the columns it had keep their places.
 */
export async function createAnalyticsView(sql: QueryRunner, view: View, { replace = false } = {}): Promise<void> {
  const select = view.columns.map(([name, expression]) => (name === expression ? name : `${expression} AS ${name}`)).join(', ');
  await sql.query(
    `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW analytics.${view.name} AS SELECT ${select} FROM ${view.from}` +
      (view.where ? ` WHERE ${view.where}` : '') +
      (view.groupBy ? ` GROUP BY ${view.groupBy}` : ''),
  );
  await sql.query(`COMMENT ON VIEW analytics.${view.name} IS ${literal(view.comment)}`);
  for (const [name, , meaning] of view.columns) {
    await sql.query(`COMMENT ON COLUMN analytics.${view.name}.${name} IS ${literal(meaning)}`);
  }
}

/** Lets the analyst role read every view of the schema, where the role exists (a DBA may have to create it). */
export async function grantAnalystReads(sql: QueryRunner): Promise<void> {
  await sql.query(`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
        GRANT USAGE ON SCHEMA analytics TO ${ANALYST_ROLE};
        GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ${ANALYST_ROLE};
      END IF;
    END $$`);
}
