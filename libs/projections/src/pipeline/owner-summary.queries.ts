import { SqlParameters } from '../runner/sql-parameters';
import { closedIn, rate, scope, type DealPeriod, type Queryable } from './deal-period';
import { PIPELINE_TABLES } from '../read-model-tables';

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

/**
 * Per current owner (deals without one under UNASSIGNED_OWNER, listed last): the deals open now per currency (count,
 * amount, weighted) and the deals won and lost in [from, to) with their win rate. Owners with neither are left out.
 */
export async function ownerSummary(db: Queryable, period: DealPeriod): Promise<OwnerFigures[]> {
  const statement = new SqlParameters();
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
       FROM ${PIPELINE_TABLES.deals} AS d WHERE ${where})
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
    statement.values,
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
