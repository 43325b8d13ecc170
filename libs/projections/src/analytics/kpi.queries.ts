import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { dealPerformance, type DealPerformance } from '../pipeline/deal-performance.queries';
import type { Queryable } from '../pipeline/deal-period';
import { stageFunnel, type StageFunnel } from '../pipeline/stage-funnel.queries';
import { READ_MODEL_DATABASE } from '../tokens';
import { timeseries, type Timeseries, type TimeseriesRequest } from './timeseries.queries';
import { ANALYTICS_TABLES } from '../read-model-tables';

/** [from, to): UTC midnights (the facts are daily); `owner` narrows every figure to one owner's book. */
export type KpiPeriod = Readonly<{ from: Date; to: Date; owner?: string; pipelineId?: string }>;

export type CustomerKpis = Readonly<{
  /** Customers in lifecycle stage `customer` at the start of the period. */
  activeAtStart: number;
  newCustomers: number;
  /** Moves into `churned` during the period. */
  churned: number;
  /** churned / activeAtStart, 4 decimals; null when nobody was active at the start. */
  churnRate: number | null;
  /** 1 − churnRate. */
  retentionRate: number | null;
}>;

export type PurchaseCurrencyKpis = Readonly<{
  currency: string;
  orders: number;
  revenue: string;
  /** Customers with an order in this currency in the period. */
  buyers: number;
  /** revenue / orders, 4 decimals. */
  averageOrderValue: string;
  /** orders / buyers, 4 decimals. */
  purchaseFrequency: number;
  /** averageOrderValue × purchaseFrequency × (1 / churnRate), unrounded inputs, 2 decimals; null without churn. */
  customerLifetimeValue: string | null;
}>;

export type PurchaseKpis = Readonly<{
  buyers: number;
  repeatBuyers: number;
  /** repeatBuyers / buyers, 4 decimals; null without buyers. */
  repeatPurchaseRate: number | null;
  byCurrency: PurchaseCurrencyKpis[];
}>;

export type InteractionKpis = Readonly<{
  interactions: number;
  customers: number;
  /** interactions / customers, 2 decimals; null without interactions. */
  interactionsPerCustomer: number | null;
}>;

export type Kpis = Readonly<{
  from: string;
  to: string;
  owner: string | null;
  pipelineId: string | null;
  deals: Omit<DealPerformance, 'from' | 'to'>;
  stageConversion: Omit<StageFunnel, 'from' | 'to'> | null;
  customers: CustomerKpis;
  purchases: PurchaseKpis;
  interactions: InteractionKpis;
}>;

const day = (date: Date) => date.toISOString().slice(0, 10);
const ratio = (value: string | null): number | null => (value === null ? null : Number(value));

/** Parameters of the customer-side queries: $1 from, $2 to (dates), $3 owner or null. */
const parameters = (period: KpiPeriod) => [day(period.from), day(period.to), period.owner ?? null];

async function customerKpis(db: Queryable, period: KpiPeriod): Promise<CustomerKpis & { churnRatio: string | null }> {
  const [row]: { active: number; new_customers: number; churned: number; churn: string | null; churn_ratio: string | null }[] =
    await db.query(
      `WITH figures AS (
         SELECT coalesce(sum(entered + transferred_in - exited - transferred_out)
                  FILTER (WHERE day < $1::date AND lifecycle_stage = 'customer'), 0)::int AS active,
                coalesce(sum(new_customers) FILTER (WHERE day >= $1::date), 0)::int AS new_customers,
                coalesce(sum(entered - new_customers) FILTER (WHERE day >= $1::date AND lifecycle_stage = 'churned'), 0)::int AS churned
         FROM ${ANALYTICS_TABLES.dailyCustomerFacts} WHERE day < $2::date AND ($3::text IS NULL OR owner = $3))
       SELECT active, new_customers, churned, churned::numeric / nullif(active, 0) AS churn_ratio,
              round(churned::numeric / nullif(active, 0), 4)::text AS churn
       FROM figures`,
      parameters(period),
    );
  const churnRate = ratio(row.churn);
  return {
    activeAtStart: row.active,
    newCustomers: row.new_customers,
    churned: row.churned,
    churnRate,
    retentionRate: churnRate === null ? null : Number((1 - churnRate).toFixed(4)),
    churnRatio: row.churn_ratio,
  };
}

async function purchaseKpis(db: Queryable, period: KpiPeriod, churnRatio: string | null): Promise<PurchaseKpis> {
  const [buyers]: { buyers: number; repeat_buyers: number; rate: string | null }[] = await db.query(
    `SELECT count(*)::int AS buyers, count(*) FILTER (WHERE orders >= 2)::int AS repeat_buyers,
            round(count(*) FILTER (WHERE orders >= 2)::numeric / nullif(count(*), 0), 4)::text AS rate
     FROM (SELECT customer_id, count(*) AS orders FROM ${ANALYTICS_TABLES.orders}
           WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR owner = $3) AND reversed_at IS NULL
           GROUP BY customer_id) AS per_customer`,
    parameters(period),
  );
  const rows: { currency: string; orders: number; revenue: string; buyers: number; aov: string; frequency: string; clv: string | null }[] =
    await db.query(
      `WITH facts AS (
         SELECT currency, sum(orders)::int AS orders, sum(revenue) AS revenue FROM ${ANALYTICS_TABLES.dailyPurchaseFacts}
         WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR owner = $3) GROUP BY currency),
       buyers AS (
         SELECT currency, count(DISTINCT customer_id)::int AS buyers FROM ${ANALYTICS_TABLES.orders}
         WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR owner = $3) AND reversed_at IS NULL
         GROUP BY currency)
       SELECT f.currency, f.orders, trim_scale(f.revenue)::text AS revenue, b.buyers,
              trim_scale(round(f.revenue / f.orders, 4))::text AS aov,
              round(f.orders::numeric / b.buyers, 4)::text AS frequency,
              round(f.revenue / f.orders * (f.orders::numeric / b.buyers) / nullif($4::numeric, 0), 2)::text AS clv
       FROM facts AS f JOIN buyers AS b ON b.currency = f.currency
       WHERE f.orders > 0
       ORDER BY f.currency`,
      [...parameters(period), churnRatio],
    );
  return {
    buyers: buyers.buyers,
    repeatBuyers: buyers.repeat_buyers,
    repeatPurchaseRate: ratio(buyers.rate),
    byCurrency: rows.map((row) => ({
      currency: row.currency,
      orders: row.orders,
      revenue: row.revenue,
      buyers: row.buyers,
      averageOrderValue: row.aov,
      purchaseFrequency: Number(row.frequency),
      customerLifetimeValue: row.clv,
    })),
  };
}

async function interactionKpis(db: Queryable, period: KpiPeriod): Promise<InteractionKpis> {
  const [row]: { interactions: number; customers: number; per_customer: string | null }[] = await db.query(
    `WITH counted AS (
       SELECT coalesce(sum(interactions), 0)::int AS interactions FROM ${ANALYTICS_TABLES.dailyInteractionFacts}
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR owner = $3)),
     customers AS (
       SELECT count(DISTINCT customer_id)::int AS customers FROM ${ANALYTICS_TABLES.interactions}
       WHERE NOT deleted AND occurred_at >= $1::date::timestamp AT TIME ZONE 'UTC' AND occurred_at < $2::date::timestamp AT TIME ZONE 'UTC'
         AND ($3::text IS NULL OR owner = $3))
     SELECT interactions, customers, round(interactions::numeric / nullif(customers, 0), 2)::text AS per_customer
     FROM counted, customers`,
    parameters(period),
  );
  return { interactions: row.interactions, customers: row.customers, interactionsPerCustomer: ratio(row.per_customer) };
}

/**
 * Every KPI over one period. The deal KPIs (win rate, cycle length, sales velocity, stage conversion) are the pipeline
 * read model's (deal-performance.queries); the others come from the analytics facts. Formulas: docs/read-models.md.
 */
export async function kpis(db: Queryable, period: KpiPeriod): Promise<Kpis> {
  const { from, to, owner, pipelineId } = period;
  const { from: _from, to: _to, ...deals } = await dealPerformance(db, { from, to, owner, pipelineId });
  const funnel = await stageFunnel(db, pipelineId ?? DEFAULT_PIPELINE.pipelineId, { from, to, owner });
  const { churnRatio, ...customers } = await customerKpis(db, period);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    owner: owner ?? null,
    pipelineId: pipelineId ?? null,
    deals,
    stageConversion: funnel ? { pipelineId: funnel.pipelineId, cohort: funnel.cohort, won: funnel.won, stages: funnel.stages } : null,
    customers,
    purchases: await purchaseKpis(db, period, churnRatio),
    interactions: await interactionKpis(db, period),
  };
}

/** The KPIs and time series on the read-model database, for injection. */
@Injectable()
export class KpiQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  kpis(period: KpiPeriod): Promise<Kpis> {
    return kpis(this.db, period);
  }

  timeseries(request: TimeseriesRequest): Promise<Timeseries> {
    return timeseries(this.db, request);
  }
}
