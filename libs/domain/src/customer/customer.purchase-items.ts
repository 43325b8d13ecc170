import { InvalidInput } from '../shared/domain-error';
import { toUnits, sumOf } from '../shared/decimal';
import { amount } from '../shared/money';
import { optionalText, requiredText } from '../shared/text';

/** One line of a purchase. `amount` is the line's total as billed (after line discounts), in the purchase's currency. */
export type PurchaseItem = Readonly<{
  sku: string;
  name: string;
  category: string | null;
  quantity: string;
  unitPrice: string;
  amount: string;
}>;

export type PurchaseItemInput = Readonly<{
  sku: string;
  name: string;
  category?: string | null;
  quantity: string;
  unitPrice: string;
  amount: string;
}>;

/** What a return takes back of one line: its quantity, and the share of the line's amount that goes with it. */
export type ReturnedItem = Readonly<{ sku: string; quantity: string; amount: string }>;

export const MAX_PURCHASE_ITEMS = 500;

export class InvalidPurchaseItems extends InvalidInput {
  override readonly code = 'invalid-purchase-items';
  constructor(problem: string) {
    super(`items ${problem}.`, { field: 'items' });
  }
}

export class PurchaseItemsDoNotSum extends InvalidInput {
  override readonly code = 'purchase-items-do-not-sum';
  constructor(
    readonly amount: string,
    readonly itemsTotal: string,
  ) {
    super(`The items add up to ${itemsTotal}, not to the purchase's amount ${amount}.`, { field: 'items', amount, itemsTotal });
  }
}

export class InvalidQuantity extends InvalidInput {
  override readonly code = 'invalid-quantity';
  constructor(readonly field: string) {
    super(`${field} must be a positive decimal written as text, with at most 4 fraction digits (e.g. "2" or "2.5").`, { field });
  }
}

export const skuOf = (value: string, field: string): string => requiredText(value, field, 100);

export const quantity = (value: string, field: string): string => {
  let canonical: string;
  try {
    canonical = amount(value, field);
  } catch {
    throw new InvalidQuantity(field);
  }
  if (toUnits(canonical) === 0n) throw new InvalidQuantity(field);
  return canonical;
};

const purchaseItem = (input: PurchaseItemInput, field: string): PurchaseItem => {
  if (typeof input !== 'object' || input === null) throw new InvalidPurchaseItems(`[${field}] must be an object`);
  return {
    sku: skuOf(input.sku, `${field}.sku`),
    name: requiredText(input.name, `${field}.name`, 200),
    category: optionalText(input.category, `${field}.category`, 100),
    quantity: quantity(input.quantity, `${field}.quantity`),
    unitPrice: amount(input.unitPrice, `${field}.unitPrice`),
    amount: amount(input.amount, `${field}.amount`),
  };
};

/** Items, each SKU once, that add up to the purchase's amount exactly. */
export const purchaseItems = (inputs: readonly PurchaseItemInput[], total: string): PurchaseItem[] => {
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_PURCHASE_ITEMS) {
    throw new InvalidPurchaseItems(`must be a list of 1 to ${MAX_PURCHASE_ITEMS} items`);
  }
  const items = inputs.map((input, index) => purchaseItem(input, `items[${index}]`));
  const repeated = items.find((item, index) => items.findIndex((other) => other.sku === item.sku) !== index);
  if (repeated) throw new InvalidPurchaseItems(`name SKU ${JSON.stringify(repeated.sku)} more than once: one line per SKU`);
  const itemsTotal = sumOf(items.map((item) => item.amount));
  if (toUnits(itemsTotal) !== toUnits(total)) throw new PurchaseItemsDoNotSum(total, itemsTotal);
  return items;
};
