import type { Change } from '../shared/changes';
import { InvalidInput } from '../shared/domain-error';
import { requiredText } from '../shared/text';
import type { CustomFields, CustomFieldValue, LifecycleStage } from './customer.events';

export const customerName = (value: string): string => requiredText(value, 'name', 200);

export const industry = (value: string): string => requiredText(value, 'industry', 100);

/** Trimmed, without repeats, in the order given. */
export const tagList = (values: readonly string[]): string[] => [...new Set(values.map((tag) => requiredText(tag, 'tag', 50)))];

const NEXT_LIFECYCLE_STAGES: Readonly<Record<LifecycleStage, readonly LifecycleStage[]>> = {
  lead: ['prospect', 'customer'],
  prospect: ['lead', 'customer'],
  customer: ['churned'],
  churned: ['customer', 'prospect'],
};

export const lifecycleStagesAfter = (stage: LifecycleStage): readonly LifecycleStage[] => NEXT_LIFECYCLE_STAGES[stage];

export class InvalidCustomField extends InvalidInput {
  override readonly code = 'invalid-custom-field';
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`Custom field ${JSON.stringify(key)} ${problem}.`, { key });
  }
}

// Keys become JSON keys and column names in analysts' views: identifier-like, so no quoting is needed.
const CUSTOM_FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_TEXT_VALUE = 1000;

const customFieldKey = (key: string): string => {
  if (!CUSTOM_FIELD_KEY.test(key)) {
    throw new InvalidCustomField(key, 'must start with a letter and hold at most 64 letters, digits and underscores');
  }
  return key;
};

const customFieldValue = (key: string, value: unknown): CustomFieldValue => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && [...value].length <= MAX_TEXT_VALUE) return value;
  throw new InvalidCustomField(key, `must be a boolean, a finite number or a text of at most ${MAX_TEXT_VALUE} characters`);
};

export const customFields = (fields: Readonly<Record<string, CustomFieldValue>>): CustomFields =>
  Object.fromEntries(Object.entries(fields ?? {}).map(([key, value]) => [customFieldKey(key), customFieldValue(key, value)]));

export type CustomFieldChanges = Readonly<Record<string, Change<CustomFieldValue | null>>>;

/** `null` asks to remove a field; removing a field the customer does not have changes nothing. */
export const customFieldChanges = (
  current: CustomFields,
  requested: Readonly<Record<string, CustomFieldValue | null>>,
): CustomFieldChanges => {
  const changes: Record<string, Change<CustomFieldValue | null>> = {};
  for (const [key, value] of Object.entries(requested ?? {})) {
    const to = value === null ? null : customFieldValue(customFieldKey(key), value);
    const from = Object.hasOwn(current, key) ? current[key] : null;
    if (to !== from) changes[key] = { from, to };
  }
  return changes;
};

export const applyCustomFieldChanges = (current: CustomFields, changes: CustomFieldChanges): CustomFields => {
  const next: Record<string, CustomFieldValue> = { ...current };
  for (const [key, { to }] of Object.entries(changes)) {
    if (to === null) delete next[key];
    else next[key] = to;
  }
  return next;
};
