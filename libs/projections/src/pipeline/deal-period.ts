import { type SqlParameters } from '../runner/sql-parameters';
import { PIPELINE_TABLES } from '../read-model-tables';

/** The period and filters of pipeline performance figures, and the SQL pieces they share. */
export type DealPeriod = Readonly<{ from: Date; to: Date; owner?: string; pipelineId?: string }>; // [from, to)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped; each query declares its row shape
export type Queryable = { query(sql: string, parameters?: unknown[]): Promise<any[]> }; // a DataSource or QueryRunner fits

export const DAY_SECONDS = 86400;

/** Conditions on crm.deals AS d for the period's owner and pipeline (none: every deal). */
export function scope(period: Omit<DealPeriod, 'from' | 'to'>, statement: SqlParameters): string {
  const conditions = ['true'];
  if (period.owner !== undefined) conditions.push(`d.owner = ${statement.add(period.owner)}`);
  if (period.pipelineId !== undefined) conditions.push(`d.pipeline_id = ${statement.add(period.pipelineId)}::uuid`);
  return conditions.join(' AND ');
}

/** `d` was closed (and still is) inside [from, to). */
export function closedIn(period: DealPeriod, statement: SqlParameters): string {
  return `d.status IN ('won', 'lost')
    AND d.closed_at >= ${statement.add(period.from.toISOString())}::timestamptz
    AND d.closed_at < ${statement.add(period.to.toISOString())}::timestamptz`;
}

export const rate = (value: string | null): number | null => (value === null ? null : Number(value));

/** The read model knows the pipeline: its stages, or at least one of its deals. */
export async function pipelineKnown(db: Queryable, pipelineId: string): Promise<boolean> {
  const [row] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM ${PIPELINE_TABLES.stages} WHERE pipeline_id = $1)
         OR EXISTS (SELECT 1 FROM ${PIPELINE_TABLES.deals} WHERE pipeline_id = $1) AS known`,
    [pipelineId],
  );
  return (row as { known: boolean }).known;
}
