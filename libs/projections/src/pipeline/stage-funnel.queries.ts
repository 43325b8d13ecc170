import { SqlParameters } from '../runner/sql-parameters';
import { DAY_SECONDS, pipelineKnown, rate, scope, type DealPeriod, type Queryable } from './deal-period';
import { PIPELINE_TABLES } from '../read-model-tables';

export type FunnelStage = Readonly<{
  stageId: string;
  name: string;
  position: number;
  /** deals of the period's cohort (opened in [from,to)) that ever reached this stage or a later one (including won deals reaching all stages after their last) */
  reached: number;
  /** reached(this) / reached(previous stage), 4 decimals, null for the first */
  conversionFromPrevious: number | null;
  /** reached / reached(first stage) */
  conversionFromFirst: number | null;
  /** mean days spent in this stage by deals that left it */
  averageDaysInStage: number | null;
}>;

export type StageFunnel = Readonly<{ pipelineId: string; from: string; to: string; cohort: number; won: number; stages: FunnelStage[] }>;

/**
 * The stage funnel of the deals of `pipelineId` opened in [from, to) (the cohort), as far as they have got by now.
 * A deal reached the stage furthest along (in the pipeline's current order) of all the stages it ever entered, and every
 * stage before it, whether it passed through them or skipped them; a won deal reached every stage; each deal counts
 * once however often it was reopened. `undefined` for a pipeline the read model does not know.
 */
export async function stageFunnel(
  db: Queryable,
  pipelineId: string,
  period: Omit<DealPeriod, 'pipelineId'>,
): Promise<StageFunnel | undefined> {
  if (!(await pipelineKnown(db, pipelineId))) return undefined;
  const statement = new SqlParameters();
  const pipeline = statement.add(pipelineId);
  const where = scope({ ...period, pipelineId }, statement);
  const rows: {
    cohort: number;
    won: number;
    stage_id: string | null;
    name: string | null;
    position: number | null;
    reached: number | null;
    from_previous: string | null;
    from_first: string | null;
    days_in_stage: string | null;
  }[] = await db.query(
    `WITH stages AS (SELECT stage_id, name, position FROM ${PIPELINE_TABLES.stages} WHERE pipeline_id = ${pipeline}::uuid),
     cohort AS (
       SELECT d.deal_id, d.status FROM ${PIPELINE_TABLES.deals} AS d
       WHERE ${where} AND d.opened_at >= ${statement.add(period.from.toISOString())}::timestamptz
         AND d.opened_at < ${statement.add(period.to.toISOString())}::timestamptz),
     furthest AS (
       SELECT CASE WHEN c.status = 'won' THEN (SELECT max(position) FROM stages) ELSE max(s.position) END AS position
       FROM cohort AS c
       LEFT JOIN ${PIPELINE_TABLES.stageHistory} AS h ON h.deal_id = c.deal_id
       LEFT JOIN stages AS s ON s.stage_id = h.stage_id
       GROUP BY c.deal_id, c.status),
     reached AS (
       SELECT s.stage_id, s.name, s.position, (sum(count(f.position)) OVER (ORDER BY s.position DESC))::int AS reached
       FROM stages AS s LEFT JOIN furthest AS f ON f.position = s.position
       GROUP BY s.stage_id, s.name, s.position),
     stays AS (
       SELECT h.stage_id, avg(extract(epoch FROM h.left_at - h.entered_at)) / ${DAY_SECONDS} AS days
       FROM cohort AS c JOIN ${PIPELINE_TABLES.stageHistory} AS h ON h.deal_id = c.deal_id
       WHERE h.left_at IS NOT NULL
       GROUP BY h.stage_id),
     funnel AS (
       SELECT r.stage_id, r.name, r.position, r.reached,
              round(r.reached::numeric / nullif(lag(r.reached) OVER (ORDER BY r.position), 0), 4)::text AS from_previous,
              round(r.reached::numeric / nullif(first_value(r.reached) OVER (ORDER BY r.position), 0), 4)::text AS from_first,
              round(st.days, 2)::text AS days_in_stage
       FROM reached AS r LEFT JOIN stays AS st ON st.stage_id = r.stage_id)
     SELECT (SELECT count(*) FROM cohort)::int AS cohort, (SELECT count(*) FROM cohort WHERE status = 'won')::int AS won, f.*
     FROM (SELECT 1) AS one LEFT JOIN funnel AS f ON true
     ORDER BY f.position`,
    statement.values,
  );
  const [first] = rows;
  return {
    pipelineId,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    cohort: first.cohort,
    won: first.won,
    stages: rows.flatMap((row) =>
      row.stage_id === null
        ? []
        : [
            {
              stageId: row.stage_id,
              name: row.name ?? row.stage_id,
              position: row.position ?? 0,
              reached: row.reached ?? 0,
              conversionFromPrevious: rate(row.from_previous),
              conversionFromFirst: rate(row.from_first),
              averageDaysInStage: rate(row.days_in_stage),
            },
          ],
    ),
  };
}
