import { LIFECYCLE_STAGES, CUSTOMER_KINDS } from '../customer/customer.events';
import { country } from '../shared/country';
import { InvalidInput, type DomainError } from '../shared/domain-error';
import { amount, currency } from '../shared/money';

/**
 * A segment's rule: conditions on customer facts combined with all / any / not.
 * Kept as plain JSON in events, so a rule reads the same in the log, the API and the read model.
 */
export type SegmentRule =
  Readonly<{ all: readonly SegmentRule[] }> | Readonly<{ any: readonly SegmentRule[] }> | Readonly<{ not: SegmentRule }> | Condition;

export type Condition = ChoiceCondition | TagsCondition | NumberCondition | MoneyCondition | PurchaseCondition;

export const CHOICE_OPERATORS = ['eq', 'ne', 'in', 'notIn', 'isSet', 'isNotSet'] as const;
export const TAG_OPERATORS = ['hasAny', 'hasAll', 'hasNone'] as const;
export const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export const PURCHASE_OPERATORS = ['hasAny', 'hasNone'] as const;

export type ChoiceCondition = Readonly<{
  fact: ChoiceFact;
  op: (typeof CHOICE_OPERATORS)[number];
  /** A string for eq/ne, a list for in/notIn, absent for isSet/isNotSet. */
  value?: string | readonly string[];
}>;
export type TagsCondition = Readonly<{ fact: 'tags'; op: (typeof TAG_OPERATORS)[number]; value: readonly string[] }>;
export type NumberCondition = Readonly<{ fact: NumberFact; op: (typeof COMPARISONS)[number]; value: number }>;
/**
 * Bought (hasAny) or never bought (hasNone) any of these categories or SKUs: lines not wholly returned, of purchases
 * not reversed, within the last `withinDays` days when given.
 */
export type PurchaseCondition = Readonly<{
  fact: PurchaseFact;
  op: (typeof PURCHASE_OPERATORS)[number];
  value: readonly string[];
  withinDays?: number;
}>;
export type MoneyCondition = Readonly<{
  fact: MoneyFact;
  op: (typeof COMPARISONS)[number];
  value: Readonly<{ amount: string; currency: string }>;
}>;

/** Facts with a value from a list (or free text: industry, owner, and city and region of the customer's location). */
export const CHOICE_FACTS = ['kind', 'lifecycleStage', 'country', 'industry', 'owner', 'city', 'region'] as const;
/** Whole numbers. Days since a purchase or interaction that never happened count as infinitely many. */
export const NUMBER_FACTS = [
  'orderCount',
  'interactionCount',
  'daysSinceLastPurchase',
  'daysSinceLastInteraction',
  'rfmRecency',
  'rfmFrequency',
  'rfmMonetary',
] as const;
/** Per currency: a customer without orders or open deals in that currency has zero of it (and no average). */
export const MONEY_FACTS = ['totalOrderValue', 'averageOrderValue', 'openPipelineValue'] as const;
/** What the customer bought, by the category or SKU of purchase items. */
export const PURCHASE_FACTS = ['purchasedCategory', 'purchasedSku'] as const;

export type ChoiceFact = (typeof CHOICE_FACTS)[number];
export type NumberFact = (typeof NUMBER_FACTS)[number];
export type MoneyFact = (typeof MONEY_FACTS)[number];
export type PurchaseFact = (typeof PURCHASE_FACTS)[number];
export type SegmentFact = ChoiceFact | 'tags' | NumberFact | MoneyFact | PurchaseFact;

/**
 * Facts that change as time passes, without an event: rules using them are re-evaluated on a schedule. Purchase facts
 * count among them for their `withinDays` window.
 */
export const TIME_FACTS: ReadonlySet<SegmentFact> = new Set([
  'daysSinceLastPurchase',
  'daysSinceLastInteraction',
  'purchasedCategory',
  'purchasedSku',
]);
/** Facts recomputed over all customers on a schedule (RFM quintiles). */
export const RFM_FACTS: ReadonlySet<SegmentFact> = new Set(['rfmRecency', 'rfmFrequency', 'rfmMonetary']);

export const MAX_RULE_DEPTH = 6;
export const MAX_RULE_CONDITIONS = 50;
const MAX_LIST_VALUES = 100;
const MAX_TEXT = 200;

export class InvalidSegmentRule extends InvalidInput {
  override readonly code = 'invalid-segment-rule';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`The segment rule is not valid at ${path}: ${reason}`, { field: 'rule', path });
  }
}

type Json = unknown;
type Counter = { conditions: number };

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: Json): string => JSON.stringify(value) ?? String(value);

/** Runs a value object, turning its error into one that says where in the rule the value sits. */
const checked = <T>(path: string, check: () => T): T => {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidInput) throw new InvalidSegmentRule(path, (error as DomainError).message);
    throw error;
  }
};

const text = (value: Json, path: string): string => {
  if (typeof value !== 'string' || value.trim() === '' || [...value].length > MAX_TEXT) {
    throw new InvalidSegmentRule(path, `expected a non-empty text of at most ${MAX_TEXT} characters, got ${describe(value)}.`);
  }
  return value.trim();
};

const textList = (value: Json, path: string, item: (value: Json, path: string) => string): string[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_VALUES) {
    throw new InvalidSegmentRule(path, `expected a list of 1 to ${MAX_LIST_VALUES} values, got ${describe(value)}.`);
  }
  return [...new Set(value.map((entry, index) => item(entry, `${path}[${index}]`)))];
};

const CHOICE_VALUE: Readonly<Record<ChoiceFact, (value: Json, path: string) => string>> = {
  kind: (value, path) => oneOfList(value, path, CUSTOMER_KINDS),
  lifecycleStage: (value, path) => oneOfList(value, path, LIFECYCLE_STAGES),
  country: (value, path) => checked(path, () => country(text(value, path))),
  industry: text,
  owner: text,
  city: text,
  region: text,
};

function oneOfList(value: Json, path: string, allowed: readonly string[]): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InvalidSegmentRule(path, `expected one of ${allowed.join(', ')}, got ${describe(value)}.`);
  }
  return value;
}

const operator = <Op extends string>(value: Json, path: string, allowed: readonly Op[], fact: string): Op => {
  if (typeof value !== 'string' || !allowed.includes(value as Op)) {
    throw new InvalidSegmentRule(`${path}.op`, `${fact} takes one of ${allowed.join(', ')}, got ${describe(value)}.`);
  }
  return value as Op;
};

const MAX_DAYS = 36_600;

function purchaseCondition(fact: PurchaseFact, node: Record<string, Json>, path: string): PurchaseCondition {
  const { op, value, withinDays } = node;
  const condition = { fact, op: operator(op, path, PURCHASE_OPERATORS, fact), value: textList(value, `${path}.value`, text) };
  if (withinDays === undefined) return condition;
  if (typeof withinDays !== 'number' || !Number.isInteger(withinDays) || withinDays < 1 || withinDays > MAX_DAYS) {
    throw new InvalidSegmentRule(
      `${path}.withinDays`,
      `expected a whole number of days from 1 to ${MAX_DAYS}, got ${describe(withinDays)}.`,
    );
  }
  return { ...condition, withinDays };
}

function condition(node: Record<string, Json>, path: string): Condition {
  const { fact, op, value } = node;
  const fields = (PURCHASE_FACTS as readonly Json[]).includes(fact) ? ['fact', 'op', 'value', 'withinDays'] : ['fact', 'op', 'value'];
  const extra = Object.keys(node).filter((key) => !fields.includes(key));
  if (extra.length > 0) throw new InvalidSegmentRule(path, `unknown field(s) ${extra.join(', ')}.`);
  if ((PURCHASE_FACTS as readonly Json[]).includes(fact)) return purchaseCondition(fact as PurchaseFact, node, path);
  const at = `${path}.value`;
  if ((CHOICE_FACTS as readonly Json[]).includes(fact)) {
    const choice = fact as ChoiceFact;
    const chosen = operator(op, path, CHOICE_OPERATORS, choice);
    if (chosen === 'isSet' || chosen === 'isNotSet') {
      if (value !== undefined) throw new InvalidSegmentRule(at, `${chosen} takes no value.`);
      return { fact: choice, op: chosen };
    }
    const item = CHOICE_VALUE[choice];
    return { fact: choice, op: chosen, value: chosen === 'in' || chosen === 'notIn' ? textList(value, at, item) : item(value, at) };
  }
  if (fact === 'tags') return { fact, op: operator(op, path, TAG_OPERATORS, fact), value: textList(value, at, text) };
  if ((NUMBER_FACTS as readonly Json[]).includes(fact)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
      throw new InvalidSegmentRule(at, `expected a whole number from 0 to 1000000, got ${describe(value)}.`);
    }
    return { fact: fact as NumberFact, op: operator(op, path, COMPARISONS, String(fact)), value };
  }
  if ((MONEY_FACTS as readonly Json[]).includes(fact)) {
    if (!isObject(value)) throw new InvalidSegmentRule(at, `expected { "amount": "1000.00", "currency": "EUR" }, got ${describe(value)}.`);
    return {
      fact: fact as MoneyFact,
      op: operator(op, path, COMPARISONS, String(fact)),
      value: {
        amount: checked(`${at}.amount`, () => amount(value.amount as string)),
        currency: checked(`${at}.currency`, () => currency(value.currency as string)),
      },
    };
  }
  const facts = [...CHOICE_FACTS, 'tags', ...NUMBER_FACTS, ...MONEY_FACTS, ...PURCHASE_FACTS];
  throw new InvalidSegmentRule(`${path}.fact`, `expected one of ${facts.join(', ')}, got ${describe(fact)}.`);
}

function node(value: Json, path: string, depth: number, counter: Counter): SegmentRule {
  if (!isObject(value)) throw new InvalidSegmentRule(path, `expected an object with all, any, not or fact, got ${describe(value)}.`);
  if (depth > MAX_RULE_DEPTH) throw new InvalidSegmentRule(path, `rules nest at most ${MAX_RULE_DEPTH} levels deep.`);
  const keys = Object.keys(value);
  const combinator = keys.find((key) => key === 'all' || key === 'any' || key === 'not');
  if (combinator === undefined) {
    counter.conditions += 1;
    if (counter.conditions > MAX_RULE_CONDITIONS)
      throw new InvalidSegmentRule(path, `a rule holds at most ${MAX_RULE_CONDITIONS} conditions.`);
    return condition(value, path);
  }
  if (keys.length > 1)
    throw new InvalidSegmentRule(
      path,
      `${combinator} cannot be combined with ${keys.filter((key) => key !== combinator).join(', ')} in one node.`,
    );
  const at = `${path}.${combinator}`;
  if (combinator === 'not') return { not: node(value.not, at, depth + 1, counter) };
  const children = value[combinator];
  if (!Array.isArray(children) || children.length === 0) throw new InvalidSegmentRule(at, 'expected a non-empty list of rules.');
  const rules = children.map((child, index) => node(child, `${at}[${index}]`, depth + 1, counter));
  return combinator === 'all' ? { all: rules } : { any: rules };
}

/** Checks a rule tree given as JSON and returns it normalised (trimmed texts, canonical amounts and codes, no repeated list values). */
export const segmentRule = (value: unknown): SegmentRule => node(value, 'rule', 1, { conditions: 0 });

/** Every fact a rule reads, to know whether time or RFM scores can move its members. */
export const factsOf = (rule: SegmentRule): SegmentFact[] => {
  if ('all' in rule) return rule.all.flatMap(factsOf);
  if ('any' in rule) return rule.any.flatMap(factsOf);
  if ('not' in rule) return factsOf(rule.not);
  return [rule.fact];
};

/** Rule trees are JSON: two are the same when their canonical JSON is. */
export const sameRule = (a: SegmentRule, b: SegmentRule): boolean => JSON.stringify(a) === JSON.stringify(b);
