import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SqlParameters } from '../runner/sql-parameters';
import { READ_MODEL_DATABASE } from '../tokens';
import { closedIn, DAY_SECONDS, pipelineKnown, rate, scope, type DealPeriod, type Queryable } from './deal-period';
import { ownerSummary, type OwnerFigures } from './owner-summary.queries';
import { stageFunnel, type StageFunnel } from './stage-funnel.queries';
import { PIPELINE_TABLES } from '../read-model-tables';

/**
 * Pipeline performance over a period, from crm.deals and crm.deal_stage_history: win rate, sales cycle, sales
 * velocity, the stage funnel and per-owner figures. Formulas and their plain-SQL twins: docs/read-models.md,
 * "Pipeline performance". Money is summed per currency with numeric arithmetic and leaves as decimal strings.
 */

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

/**
 * Win rate, cycle length and sales velocity. Closed figures count the deals whose current status is won or lost with
 * closed_at in [from, to) (a deal reopened since does not count); open figures are the deals open now, as in
 * GET /v1/pipeline. Velocity is computed from the unrounded win rate, average and cycle, then rounded to 2 places.
 */
export async function dealPerformance(db: Queryable, period: DealPeriod): Promise<DealPerformance> {
  const statement = new SqlParameters();
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
       FROM ${PIPELINE_TABLES.deals} AS d WHERE ${where}),
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
    statement.values,
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
