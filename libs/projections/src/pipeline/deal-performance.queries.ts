import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODEL_DATABASE } from '../tokens';

/**
 * Pipeline performance over a period, from crm.deals and crm.deal_stage_history: win rate, sales cycle, sales
 * velocity, the stage funnel and per-owner figures. Formulas and their plain-SQL twins: docs/read-models.md,
 * "Pipeline performance". Money is summed per currency with numeric arithmetic and leaves as decimal strings.
 */

export type DealPeriod = Readonly<{ from: Date; to: Date; owner?: string; pipelineId?: string }>; // [from, to)

export type DealOutcomeFigures = Readonly<{
  currency: string;
  wonCount: number;
  wonAmount: string;
  averageWonAmount: string | null;
  openCount: number;
  openAmount: string;
  /** (open deals × win rate × average won amount) / average cycle days, per day, decimal string with 2 places */
  salesVelocityPerDay: string | null;
}>;

export type DealPerformance = Readonly<{
  from: string;
  to: string;
  closed: number;
  won: number;
  lost: number;
  /** won / (won + lost) of deals closed in the period, 4 decimals; null when none closed */
  winRate: number | null;
  /** mean days from opened_at to closed_at of deals WON in the period, 2 decimals */
  averageCycleDays: number | null;
  byCurrency: DealOutcomeFigures[];
}>;

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

export type OwnerOpenFigures = Readonly<{
  currency: string;
  count: number;
  amount: string;
  /** Sum of amount × probability / 100, exact. */
  weighted: string;
}>;

export type OwnerFigures = Readonly<{
  /** The deals' current owner; UNASSIGNED_OWNER for deals without one. */
  owner: string;
  /** Deals open now, per currency. */
  open: OwnerOpenFigures[];
  /** Deals won / lost in the period. */
  won: number;
  lost: number;
  /** won / (won + lost), 4 decimals; null when none closed. */
  winRate: number | null;
}>;

export const UNASSIGNED_OWNER = 'unassigned';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped; each query declares its row shape
export type Queryable = { query(sql: string, parameters?: unknown[]): Promise<any[]> }; // a DataSource or QueryRunner fits

const DAY_SECONDS = 86400;

/** Collects the bound values of one statement; `bind` answers the placeholder. */
class Statement {
  readonly parameters: unknown[] = [];
  bind(value: unknown): string {
    return `$${this.parameters.push(value)}`;
  }
}

/** Conditions on crm.deals AS d for the period's owner and pipeline (none: every deal). */
function scope(period: Omit<DealPeriod, 'from' | 'to'>, statement: Statement): string {
  const conditions = ['true'];
  if (period.owner !== undefined) conditions.push(`d.owner = ${statement.bind(period.owner)}`);
  if (period.pipelineId !== undefined) conditions.push(`d.pipeline_id = ${statement.bind(period.pipelineId)}::uuid`);
  return conditions.join(' AND ');
}

/** `d` was closed (and still is) inside [from, to). */
function closedIn(period: DealPeriod, statement: Statement): string {
  return `d.status IN ('won', 'lost')
    AND d.closed_at >= ${statement.bind(period.from.toISOString())}::timestamptz
    AND d.closed_at < ${statement.bind(period.to.toISOString())}::timestamptz`;
}

const rate = (value: string | null): number | null => (value === null ? null : Number(value));

/** The read model knows the pipeline: its stages, or at least one of its deals. */
export async function pipelineKnown(db: Queryable, pipelineId: string): Promise<boolean> {
  const [row] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM crm.pipeline_stages WHERE pipeline_id = $1)
         OR EXISTS (SELECT 1 FROM crm.deals WHERE pipeline_id = $1) AS known`,
    [pipelineId],
  );
  return (row as { known: boolean }).known;
}

/**
 * Win rate, cycle length and sales velocity. Closed figures count the deals whose current status is won or lost with
 * closed_at in [from, to) (a deal reopened since does not count); open figures are the deals open now, as in
 * GET /v1/pipeline. Velocity is computed from the unrounded win rate, average and cycle, then rounded to 2 places.
 */
export async function dealPerformance(db: Queryable, period: DealPeriod): Promise<DealPerformance> {
  const statement = new Statement();
  const where = scope(period, statement);
  const closed = closedIn(period, statement);
  const rows: {
    closed: number;
    won: number;
    lost: number;
    win_rate: string | null;
    cycle_days: string | null;
    currency: string | null;
    won_count: number | null;
    won_amount: string | null;
    average_won_amount: string | null;
    open_count: number | null;
    open_amount: string | null;
    velocity: string | null;
  }[] = await db.query(
    `WITH deals AS (
       SELECT d.currency, d.amount, d.status, d.opened_at, d.closed_at, d.status = 'open' AS open, ${closed} AS closed
       FROM crm.deals AS d WHERE ${where}),
     totals AS (
       SELECT count(*)::int AS closed,
              count(*) FILTER (WHERE status = 'won')::int AS won,
              count(*) FILTER (WHERE status = 'lost')::int AS lost,
              count(*) FILTER (WHERE status = 'won')::numeric / nullif(count(*), 0) AS win_rate,
              avg(extract(epoch FROM closed_at - opened_at)) FILTER (WHERE status = 'won') / ${DAY_SECONDS} AS cycle_days
       FROM deals WHERE closed),
     currencies AS (
       SELECT currency,
              count(*) FILTER (WHERE closed AND status = 'won')::int AS won_count,
              coalesce(sum(amount) FILTER (WHERE closed AND status = 'won'), 0) AS won_amount,
              sum(amount) FILTER (WHERE closed AND status = 'won') / nullif(count(*) FILTER (WHERE closed AND status = 'won'), 0)
                AS average_won_amount,
              count(*) FILTER (WHERE open)::int AS open_count,
              coalesce(sum(amount) FILTER (WHERE open), 0) AS open_amount
       FROM deals WHERE open OR (closed AND status = 'won')
       GROUP BY currency)
     SELECT t.closed, t.won, t.lost, round(t.win_rate, 4)::text AS win_rate, round(t.cycle_days, 2)::text AS cycle_days,
            c.currency, c.won_count, trim_scale(c.won_amount)::text AS won_amount,
            trim_scale(round(c.average_won_amount, 4))::text AS average_won_amount,
            c.open_count, trim_scale(c.open_amount)::text AS open_amount,
            round(c.open_count * t.win_rate * c.average_won_amount / nullif(t.cycle_days, 0), 2)::text AS velocity
     FROM totals AS t LEFT JOIN currencies AS c ON true
     ORDER BY c.currency`,
    statement.parameters,
  );
  const [first] = rows;
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    closed: first.closed,
    won: first.won,
    lost: first.lost,
    winRate: rate(first.win_rate),
    averageCycleDays: rate(first.cycle_days),
    byCurrency: rows.flatMap((row) =>
      row.currency === null
        ? []
        : [
            {
              currency: row.currency,
              wonCount: row.won_count ?? 0,
              wonAmount: row.won_amount ?? '0',
              averageWonAmount: row.average_won_amount,
              openCount: row.open_count ?? 0,
              openAmount: row.open_amount ?? '0',
              salesVelocityPerDay: row.velocity,
            },
          ],
    ),
  };
}

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
  const statement = new Statement();
  const pipeline = statement.bind(pipelineId);
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
    `WITH stages AS (SELECT stage_id, name, position FROM crm.pipeline_stages WHERE pipeline_id = ${pipeline}::uuid),
     cohort AS (
       SELECT d.deal_id, d.status FROM crm.deals AS d
       WHERE ${where} AND d.opened_at >= ${statement.bind(period.from.toISOString())}::timestamptz
         AND d.opened_at < ${statement.bind(period.to.toISOString())}::timestamptz),
     furthest AS (
       SELECT CASE WHEN c.status = 'won' THEN (SELECT max(position) FROM stages) ELSE max(s.position) END AS position
       FROM cohort AS c
       LEFT JOIN crm.deal_stage_history AS h ON h.deal_id = c.deal_id
       LEFT JOIN stages AS s ON s.stage_id = h.stage_id
       GROUP BY c.deal_id, c.status),
     reached AS (
       SELECT s.stage_id, s.name, s.position, (sum(count(f.position)) OVER (ORDER BY s.position DESC))::int AS reached
       FROM stages AS s LEFT JOIN furthest AS f ON f.position = s.position
       GROUP BY s.stage_id, s.name, s.position),
     stays AS (
       SELECT h.stage_id, avg(extract(epoch FROM h.left_at - h.entered_at)) / ${DAY_SECONDS} AS days
       FROM cohort AS c JOIN crm.deal_stage_history AS h ON h.deal_id = c.deal_id
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
    statement.parameters,
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

/**
 * Per current owner (deals without one under UNASSIGNED_OWNER, listed last): the deals open now per currency (count,
 * amount, weighted) and the deals won and lost in [from, to) with their win rate. Owners with neither are left out.
 */
export async function ownerSummary(db: Queryable, period: DealPeriod): Promise<OwnerFigures[]> {
  const statement = new Statement();
  const where = scope(period, statement);
  const closed = closedIn(period, statement);
  const rows: {
    owner: string | null;
    currency: string | null;
    open_count: number;
    open_amount: string | null;
    open_weighted: string | null;
    won: number;
    lost: number;
    win_rate: string | null;
  }[] = await db.query(
    `WITH deals AS (
       SELECT d.owner, d.currency, d.amount, d.probability, d.status, d.status = 'open' AS open, ${closed} AS closed
       FROM crm.deals AS d WHERE ${where})
     SELECT owner, CASE WHEN grouping(currency) = 0 THEN currency END AS currency,
            count(*) FILTER (WHERE open)::int AS open_count,
            trim_scale(sum(amount) FILTER (WHERE open))::text AS open_amount,
            trim_scale(sum(amount * probability / 100) FILTER (WHERE open))::text AS open_weighted,
            count(*) FILTER (WHERE closed AND status = 'won')::int AS won,
            count(*) FILTER (WHERE closed AND status = 'lost')::int AS lost,
            round(count(*) FILTER (WHERE closed AND status = 'won')::numeric / nullif(count(*) FILTER (WHERE closed), 0), 4)::text
              AS win_rate
     FROM deals WHERE open OR closed
     GROUP BY GROUPING SETS ((owner), (owner, currency))
     HAVING grouping(currency) = 1 OR count(*) FILTER (WHERE open) > 0
     ORDER BY owner NULLS LAST, grouping(currency) DESC, currency`,
    statement.parameters,
  );
  const owners: OwnerFigures[] = [];
  for (const row of rows) {
    if (row.currency === null) {
      const owner = row.owner ?? UNASSIGNED_OWNER;
      owners.push({ owner, open: [], won: row.won, lost: row.lost, winRate: rate(row.win_rate) });
    } else {
      owners.at(-1)!.open.push({ currency: row.currency, count: row.open_count, amount: row.open_amount!, weighted: row.open_weighted! });
    }
  }
  return owners;
}

/** The functions above on the read-model database, for injection. */
@Injectable()
export class DealPerformanceQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  pipelineKnown(pipelineId: string): Promise<boolean> {
    return pipelineKnown(this.db, pipelineId);
  }

  performance(period: DealPeriod): Promise<DealPerformance> {
    return dealPerformance(this.db, period);
  }

  funnel(pipelineId: string, period: Omit<DealPeriod, 'pipelineId'>): Promise<StageFunnel | undefined> {
    return stageFunnel(this.db, pipelineId, period);
  }

  owners(period: DealPeriod): Promise<OwnerFigures[]> {
    return ownerSummary(this.db, period);
  }
}
