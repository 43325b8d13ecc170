import type { QueryRunner } from 'typeorm';
import { CUSTOMER_TABLES } from '../read-model-tables';

/**
 * Scores every active customer with purchases 1-5 on recency (last purchase), frequency (order count) and
 * monetary value (total spent), by quintile: the score is ceil(5 × cume_dist), so equal values share a score.
 * Money is not converted: monetary ranks customers within their main currency (the one with most orders).
 * Customers without purchases have no scores. Returns how many customers were scored. `table` names the tables
 * written (a report snapshot's, say); by default the live ones.
 */
export async function recomputeRfmScores(sql: QueryRunner, now: Date, table: (name: string) => string = (name) => name): Promise<number> {
  const [{ scored }]: { scored: number }[] = await sql.query(
    `WITH buyers AS (
       SELECT c.customer_id, c.last_purchase_at, c.order_count, main.currency,
              (c.purchase_totals -> main.currency ->> 'total')::numeric AS total
       FROM ${table(CUSTOMER_TABLES.customers)} AS c
       CROSS JOIN LATERAL (
         SELECT key AS currency FROM jsonb_each(c.purchase_totals)
         ORDER BY (value ->> 'orders')::int DESC, (value ->> 'total')::numeric DESC, key LIMIT 1) AS main
       WHERE c.status = 'active' AND c.order_count > 0),
     scored AS (
       SELECT customer_id, currency,
              ceil(5 * cume_dist() OVER (ORDER BY last_purchase_at))::smallint AS recency,
              ceil(5 * cume_dist() OVER (ORDER BY order_count))::smallint AS frequency,
              ceil(5 * cume_dist() OVER (PARTITION BY currency ORDER BY total))::smallint AS monetary
       FROM buyers),
     written AS (
       INSERT INTO ${table(CUSTOMER_TABLES.rfm)} (customer_id, recency, frequency, monetary, currency, computed_at)
       SELECT customer_id, recency, frequency, monetary, currency, $1 FROM scored
       ON CONFLICT (customer_id) DO UPDATE SET recency = EXCLUDED.recency, frequency = EXCLUDED.frequency,
         monetary = EXCLUDED.monetary, currency = EXCLUDED.currency, computed_at = EXCLUDED.computed_at
       RETURNING 1),
     dropped AS (
       DELETE FROM ${table(CUSTOMER_TABLES.rfm)} AS r WHERE NOT EXISTS (SELECT 1 FROM buyers AS b WHERE b.customer_id = r.customer_id) RETURNING 1)
     SELECT (SELECT count(*) FROM written)::int AS scored, (SELECT count(*) FROM dropped)::int AS dropped`,
    [now.toISOString()],
  );
  return scored;
}
