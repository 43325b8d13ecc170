import { type SqlParameters } from '../runner/sql-parameters';
import type { ChoiceFact, Condition, MoneyFact, NumberFact, PurchaseCondition, SegmentRule } from '@ledgerline/domain';
import { CUSTOMER_TABLES } from '../read-model-tables';

/** The name a read-model table has where a rule is evaluated: the live one, or its copy during a rebuild. */
export type TableName = (live: string) => string;

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

const PURCHASE_COLUMNS = { purchasedCategory: 'category', purchasedSku: 'sku' } as const;

/** A line counts while some of it is kept (not all returned); a reversed purchase has no lines left. */
function purchaseCondition(rule: PurchaseCondition, parameters: SqlParameters, now: Instant, table: TableName): string {
  const since =
    rule.withinDays === undefined
      ? ''
      : ` AND i.occurred_at > ${parameters.add(now)}::timestamptz - make_interval(days => ${parameters.add(rule.withinDays)})`;
  const bought = `EXISTS (SELECT 1 FROM ${table(CUSTOMER_TABLES.purchaseItems)} AS i
    WHERE i.customer_id = c.customer_id AND i.${PURCHASE_COLUMNS[rule.fact]} = ANY(${parameters.add(rule.value)}::text[])
      AND i.returned_quantity < i.quantity${since})`;
  return rule.op === 'hasAny' ? bought : `NOT ${bought}`;
}

function condition(rule: Condition, parameters: SqlParameters, now: Instant, table: TableName): string {
  if (rule.fact === 'purchasedCategory' || rule.fact === 'purchasedSku') return purchaseCondition(rule, parameters, now, table);
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
 * A rule as a SQL predicate over `c` and `r` (and the purchase items of `c`, in `table`'s name for them). Every condition is two-valued (a missing fact makes it false,
 * never unknown), so `not` is plain negation: "not (rfmRecency >= 4)" holds for customers without scores.
 * Relative-time facts are measured from `now`.
 */
export function rulePredicate(rule: SegmentRule, parameters: SqlParameters, now: Instant, table: TableName): string {
  if ('all' in rule) return `(${rule.all.map((child) => rulePredicate(child, parameters, now, table)).join(' AND ')})`;
  if ('any' in rule) return `(${rule.any.map((child) => rulePredicate(child, parameters, now, table)).join(' OR ')})`;
  if ('not' in rule) return `(NOT ${rulePredicate(rule.not, parameters, now, table)})`;
  return `coalesce((${condition(rule, parameters, now, table)}), false)`;
}
