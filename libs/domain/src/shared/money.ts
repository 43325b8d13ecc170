import { InvalidInput } from './domain-error';

/** An amount of money. The amount is a canonical decimal string: binary floats cannot hold 0.10 exactly. */
export type Money = Readonly<{ amount: string; currency: string }>;

const MAX_INTEGER_DIGITS = 15;
const MAX_FRACTION_DIGITS = 4;
// 15 + 4 digits fit a numeric(19,4) column, which read models and analysts' SQL rely on.
const DECIMAL = new RegExp(`^(\\d{1,${MAX_INTEGER_DIGITS}})(?:\\.(\\d{1,${MAX_FRACTION_DIGITS}}))?$`);

export class InvalidAmount extends InvalidInput {
  override readonly code = 'invalid-amount';
  constructor(
    value: unknown,
    readonly field: string = 'amount',
  ) {
    super(
      `${field} must be a non-negative decimal number written as text, with at most ${MAX_INTEGER_DIGITS} digits before ` +
        `the point and ${MAX_FRACTION_DIGITS} after it (e.g. "1250.50"); got ${JSON.stringify(value)}.`,
      { field },
    );
  }
}

export class UnknownCurrency extends InvalidInput {
  override readonly code = 'invalid-currency';
  constructor(value: unknown) {
    super(`currency must be an ISO 4217 currency code such as EUR or USD; got ${JSON.stringify(value)}.`, { field: 'currency' });
  }
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** "0012.3400" becomes "12.34", "5.0" becomes "5": equal amounts are equal strings. */
export const amount = (value: string, field = 'amount'): string => {
  const match = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (!match) throw new InvalidAmount(value, field);
  const [, integerDigits, fractionDigits = ''] = match;
  const integer = integerDigits.replace(/^0+(?=\d)/, '');
  const fraction = fractionDigits.replace(/0+$/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
};

/** Upper-cases the code so that "eur" and "EUR" are the same currency. */
export const currency = (value: string): string => {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!CURRENCIES.has(code)) throw new UnknownCurrency(value);
  return code;
};

export const money = (amountValue: string, currencyCode: string): Money => ({
  amount: amount(amountValue),
  currency: currency(currencyCode),
});

export const sameMoney = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency;
