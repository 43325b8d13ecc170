import type { Queryable } from '../pipeline/deal-period';

export const TIMESERIES_INTERVALS = ['day', 'week', 'month'] as const;
export type TimeseriesInterval = (typeof TIMESERIES_INTERVALS)[number];

type Metric = Readonly<{ table: string; value: string; where?: string; perCurrency?: true; perCategory?: true; description: string }>;

/** The metrics a time series can show: a sum over one daily fact table (money per currency, never converted). */
export const TIMESERIES_METRICS = {
  new_customers: { table: 'daily_customer_facts', value: 'sum(new_customers)', description: 'customers registered' },
  churned_customers: {
    table: 'daily_customer_facts',
    value: 'sum(entered - new_customers)',
    where: `lifecycle_stage = 'churned'`,
    description: 'lifecycle moves into churned',
  },
  deals_opened: { table: 'daily_deal_facts', value: 'sum(opened)', description: 'deals opened' },
  deals_won: { table: 'daily_deal_facts', value: 'sum(won)', description: 'deals won (and not reopened since), on their win day' },
  deals_lost: { table: 'daily_deal_facts', value: 'sum(lost)', description: 'deals lost (and not reopened since), on their loss day' },
  opened_amount: {
    table: 'daily_deal_facts',
    value: 'sum(opened_amount)',
    perCurrency: true,
    description: 'current amount of deals opened',
  },
  won_amount: { table: 'daily_deal_facts', value: 'sum(won_amount)', perCurrency: true, description: 'amount won' },
  lost_amount: { table: 'daily_deal_facts', value: 'sum(lost_amount)', perCurrency: true, description: 'amount of deals lost' },
  interactions: { table: 'daily_interaction_facts', value: 'sum(interactions)', description: 'interactions (not deleted) that took place' },
  orders: { table: 'daily_purchase_facts', value: 'sum(orders)', description: 'orders placed' },
  revenue: {
    table: 'daily_purchase_facts',
    value: 'sum(revenue)',
    perCurrency: true,
    description: 'revenue of the orders placed, net of returns; reversed orders do not count',
  },
  category_revenue: {
    table: 'daily_category_facts',
    value: 'sum(revenue)',
    perCurrency: true,
    perCategory: true,
    description: 'revenue of purchase lines per product category, net of returns',
  },
} satisfies Record<string, Metric>;

export type TimeseriesMetric = keyof typeof TIMESERIES_METRICS;

export type TimeseriesRequest = Readonly<{ metric: TimeseriesMetric; interval: TimeseriesInterval; from: Date; to: Date; owner?: string }>;

export type TimeseriesPoint = Readonly<{ start: string; value: number | string }>;

export type Timeseries = Readonly<{
  metric: TimeseriesMetric;
  interval: TimeseriesInterval;
  from: string;
  to: string;
  owner: string | null;
  /** Counts are numbers; money is a decimal string per currency. */
  unit: 'count' | 'money';
  /**
   * One series for a count (currency null), one per currency for money, and per product category too for a category
   * metric (category null: lines without one); every bucket listed, 0 where nothing happened.
   */
  series: { currency: string | null; category?: string | null; points: TimeseriesPoint[] }[];
}>;

/**
 * A metric summed per bucket (UTC days, ISO weeks from Monday, calendar months) over the days in [from, to); a
 * bucket is named by its first day, which may lie before `from` (then only its days from `from` on count).
 */
export async function timeseries(db: Queryable, request: TimeseriesRequest): Promise<Timeseries> {
  const metric: Metric = TIMESERIES_METRICS[request.metric];
  const currency = metric.perCurrency ? 'currency' : 'NULL::text';
  const category = metric.perCategory ? `nullif(category, '')` : 'NULL::text';
  const rows: { start: string; currency: string | null; category: string | null; value: string }[] = await db.query(
    `WITH facts AS (
       SELECT date_trunc($4, day::timestamp)::date AS start, ${currency} AS currency, ${category} AS category, ${metric.value} AS value
       FROM crm.${metric.table}
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR owner = $3) ${metric.where ? `AND ${metric.where}` : ''}
       GROUP BY 1, 2, 3)
     SELECT b.start::date::text AS start, c.currency, c.category, trim_scale(coalesce(f.value, 0))::text AS value
     FROM generate_series(date_trunc($4, $1::date::timestamp), ($2::date - 1)::timestamp, ('1 ' || $4)::interval) AS b(start)
     CROSS JOIN (SELECT DISTINCT currency, category FROM facts ${metric.perCurrency ? '' : 'UNION SELECT NULL, NULL'}) AS c
     LEFT JOIN facts AS f ON f.start = b.start AND f.currency IS NOT DISTINCT FROM c.currency AND f.category IS NOT DISTINCT FROM c.category
     ORDER BY c.currency, c.category NULLS LAST, b.start`,
    [request.from.toISOString().slice(0, 10), request.to.toISOString().slice(0, 10), request.owner ?? null, request.interval],
  );
  const series: Timeseries['series'] = [];
  for (const row of rows) {
    let current = series.at(-1);
    if (!current || current.currency !== row.currency || (metric.perCategory && current.category !== row.category)) {
      series.push((current = { currency: row.currency, ...(metric.perCategory ? { category: row.category } : {}), points: [] }));
    }
    current.points.push({ start: row.start, value: metric.perCurrency ? row.value : Number(row.value) });
  }
  return {
    metric: request.metric,
    interval: request.interval,
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    owner: request.owner ?? null,
    unit: metric.perCurrency ? 'money' : 'count',
    series,
  };
}
