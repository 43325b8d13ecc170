import { factsOf, InvalidSegmentRule, MAX_RULE_CONDITIONS, segmentRule } from './segment.rules';

const refusal = (rule: unknown): { path: string; message: string } => {
  try {
    segmentRule(rule);
  } catch (error) {
    if (error instanceof InvalidSegmentRule) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(rule)} to be refused`);
};

describe('segment rules', () => {
  it('normalises values: trimmed texts, canonical amounts and currencies, country codes, no repeated list values', () => {
    expect(
      segmentRule({
        all: [
          { fact: 'industry', op: 'in', value: [' Retail ', 'Retail', 'Energy'] },
          { fact: 'country', op: 'eq', value: 'de' },
          { not: { fact: 'totalOrderValue', op: 'lt', value: { amount: '0100.50', currency: 'eur' } } },
          { fact: 'owner', op: 'isSet' },
        ],
      }),
    ).toEqual({
      all: [
        { fact: 'industry', op: 'in', value: ['Retail', 'Energy'] },
        { fact: 'country', op: 'eq', value: 'DE' },
        { not: { fact: 'totalOrderValue', op: 'lt', value: { amount: '100.5', currency: 'EUR' } } },
        { fact: 'owner', op: 'isSet' },
      ],
    });
  });

  it('takes purchase conditions on categories and SKUs, with an optional window in days', () => {
    expect(segmentRule({ fact: 'purchasedCategory', op: 'hasAny', value: [' tools ', 'tools'], withinDays: 90 })).toEqual({
      fact: 'purchasedCategory',
      op: 'hasAny',
      value: ['tools'],
      withinDays: 90,
    });
    expect(segmentRule({ fact: 'purchasedSku', op: 'hasNone', value: ['DRL-18V'] })).toEqual({
      fact: 'purchasedSku',
      op: 'hasNone',
      value: ['DRL-18V'],
    });
  });

  it.each([
    ['a fact that does not exist', { fact: 'shoeSize', op: 'eq', value: 1 }, 'rule.fact'],
    ['an operator the fact does not take', { fact: 'tags', op: 'gt', value: ['a'] }, 'rule.op'],
    ['a lifecycle stage that does not exist', { fact: 'lifecycleStage', op: 'eq', value: 'vip' }, 'rule.value'],
    ['an unknown country', { fact: 'country', op: 'in', value: ['DE', 'XX'] }, 'rule.value[1]'],
    ['a fractional count', { fact: 'orderCount', op: 'gte', value: 1.5 }, 'rule.value'],
    ['a negative number of days', { fact: 'daysSinceLastPurchase', op: 'gte', value: -1 }, 'rule.value'],
    ['money without a currency', { fact: 'openPipelineValue', op: 'gte', value: { amount: '10' } }, 'rule.value.currency'],
    ['a bad amount', { fact: 'averageOrderValue', op: 'gte', value: { amount: 'ten', currency: 'EUR' } }, 'rule.value.amount'],
    ['an empty list', { fact: 'tags', op: 'hasAll', value: [] }, 'rule.value'],
    ['a value for isSet', { fact: 'owner', op: 'isSet', value: 'x' }, 'rule.value'],
    ['an empty all', { all: [] }, 'rule.all'],
    ['two combinators in one node', { all: [{ fact: 'owner', op: 'isSet' }], any: [] }, 'rule'],
    ['a condition with an unknown field', { fact: 'owner', op: 'isSet', because: 'x' }, 'rule'],
    ['a nested error', { any: [{ not: { fact: 'kind', op: 'eq', value: 'robot' } }] }, 'rule.any[0].not.value'],
    ['not an object', 'vip', 'rule'],
    ['a purchase condition with a comparison', { fact: 'purchasedSku', op: 'gte', value: ['DRL'] }, 'rule.op'],
    ['a purchase window of no days', { fact: 'purchasedCategory', op: 'hasAny', value: ['tools'], withinDays: 0 }, 'rule.withinDays'],
    ['a window on another fact', { fact: 'tags', op: 'hasAny', value: ['vip'], withinDays: 30 }, 'rule'],
  ])('refuses %s, naming where', (_case, rule, path) => {
    expect(refusal(rule).path).toBe(path);
  });

  it('explains in words what is wrong', () => {
    expect(refusal({ fact: 'lifecycleStage', op: 'eq', value: 'vip' }).message).toBe(
      'The segment rule is not valid at rule.value: expected one of lead, prospect, customer, churned, got "vip".',
    );
  });

  it('bounds the size and depth of a rule', () => {
    const condition = { fact: 'orderCount', op: 'gte', value: 1 };
    expect(refusal({ any: Array.from({ length: MAX_RULE_CONDITIONS + 1 }, () => condition) }).message).toContain('at most 50 conditions');
    const deep = Array.from({ length: 7 }).reduce<unknown>((rule) => ({ not: rule }), condition);
    expect(refusal(deep).message).toContain('levels deep');
  });

  it('lists the facts a rule reads', () => {
    expect(
      factsOf(
        segmentRule({
          any: [{ fact: 'rfmRecency', op: 'gte', value: 4 }, { not: { fact: 'daysSinceLastPurchase', op: 'lt', value: 30 } }],
        }),
      ),
    ).toEqual(['rfmRecency', 'daysSinceLastPurchase']);
  });
});
