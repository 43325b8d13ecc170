import { type SqlParameters } from '../runner/sql-parameters';
import type { ChoiceFact, Condition, MoneyFact, NumberFact, SegmentRule } from '@ledgerline/domain';

/** Customer columns, on alias `c` (crm.customers) and `r` (crm.customer_rfm, left-joined). */
const CHOICE_COLUMNS: Readonly<Record<ChoiceFact, string>> = {
  kind: 'c.kind',
  lifecycleStage: 'c.lifecycle_stage',
  country: 'c.country',
  industry: 'c.industry',
  owner: 'c.owner',
  city: 'c.city',
  region: 'c.region',
};

/** An ISO 8601 instant. */
export type Instant = string;

const COMPARE = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Days since an instant, whole days; never (null) is infinitely many, so "no purchase for 30 days" includes never. */
const daysSince = (column: string, now: () => string) =>
  `coalesce(floor(extract(epoch FROM (${now()}::timestamptz - ${column})) / 86400)::float8, 'Infinity'::float8)`;

/** `now` binds the instant relative-time facts are measured from (only those bind it: an unused parameter has no type). */
const numberExpression = (fact: NumberFact, now: () => string): string => {
  switch (fact) {
    case 'orderCount':
      return 'c.order_count';
    case 'interactionCount':
      return 'c.interaction_count';
    case 'daysSinceLastPurchase':
      return daysSince('c.last_purchase_at', now);
    case 'daysSinceLastInteraction':
      return daysSince('c.last_interaction_at', now);
    case 'rfmRecency':
      return 'r.recency';
    case 'rfmFrequency':
      return 'r.frequency';
    case 'rfmMonetary':
      return 'r.monetary';
  }
};

/** Per currency; a currency the customer has nothing in counts as zero, except for the average, which then has none. */
const moneyExpression = (fact: MoneyFact, currency: string): string => {
  const purchases = `c.purchase_totals -> ${currency}`;
  switch (fact) {
    case 'totalOrderValue':
      return `coalesce((${purchases} ->> 'total')::numeric, 0)`;
    case 'averageOrderValue':
      return `((${purchases} ->> 'total')::numeric / nullif((${purchases} ->> 'orders')::numeric, 0))`;
    case 'openPipelineValue':
      return `coalesce((c.open_pipeline_value ->> ${currency})::numeric, 0)`;
  }
};

function condition(rule: Condition, parameters: SqlParameters, now: Instant): string {
  if (rule.fact === 'tags') {
    const tags = `${parameters.add(rule.value)}::text[]`;
    if (rule.op === 'hasAny') return `c.tags && ${tags}`;
    if (rule.op === 'hasAll') return `c.tags @> ${tags}`;
    return `NOT (c.tags && ${tags})`;
  }
  if (rule.fact in CHOICE_COLUMNS) {
    const column = CHOICE_COLUMNS[rule.fact as ChoiceFact];
    const { op, value } = rule as Extract<Condition, { fact: ChoiceFact }>;
    if (op === 'isSet') return `${column} IS NOT NULL`;
    if (op === 'isNotSet') return `${column} IS NULL`;
    if (op === 'eq') return `${column} = ${parameters.add(value)}`;
    if (op === 'ne') return `${column} IS DISTINCT FROM ${parameters.add(value)}`;
    const member = `${column} = ANY(${parameters.add(value)}::text[])`;
    // Like ne, notIn holds for a customer without the fact.
    return op === 'in' ? member : `(${member}) IS NOT TRUE`;
  }
  if (typeof rule.value === 'number') {
    return `${numberExpression(rule.fact as NumberFact, () => parameters.add(now))} ${COMPARE[rule.op as keyof typeof COMPARE]} ${parameters.add(rule.value)}`;
  }
  const { fact, op, value } = rule as Extract<Condition, { fact: MoneyFact }>;
  return `${moneyExpression(fact, parameters.add(value.currency))} ${COMPARE[op]} ${parameters.add(value.amount)}::numeric`;
}

/**
 * A rule as a SQL predicate over `c` and `r`. Every condition is two-valued (a missing fact makes it false,
 * never unknown), so `not` is plain negation: "not (rfmRecency >= 4)" holds for customers without scores.
 * Relative-time facts are measured from `now`.
 */
export function rulePredicate(rule: SegmentRule, parameters: SqlParameters, now: Instant): string {
  if ('all' in rule) return `(${rule.all.map((child) => rulePredicate(child, parameters, now)).join(' AND ')})`;
  if ('any' in rule) return `(${rule.any.map((child) => rulePredicate(child, parameters, now)).join(' OR ')})`;
  if ('not' in rule) return `(NOT ${rulePredicate(rule.not, parameters, now)})`;
  return `coalesce((${condition(rule, parameters, now)}), false)`;
}
