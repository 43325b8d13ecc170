/**
 * Exact arithmetic on the decimal strings of money.ts (at most 4 fraction digits), as whole ten-thousandths:
 * floats cannot add 0.1 and 0.2.
 */
const SCALE = 10_000n;

export const toUnits = (decimal: string): bigint => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(4, '0'));
};

/** The canonical decimal string: no redundant zeros. */
export const fromUnits = (units: bigint): string => {
  const fraction = (units % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  const whole = (units / SCALE).toString();
  return fraction === '' ? whole : `${whole}.${fraction}`;
};

export const sumOf = (decimals: readonly string[]): string => fromUnits(decimals.reduce((sum, decimal) => sum + toUnits(decimal), 0n));

/** `value × part / whole`, rounded half up to 4 fraction digits (non-negative values only). */
export const proportion = (value: string, part: string, whole: string): string => {
  const [units, numerator, denominator] = [toUnits(value), toUnits(part), toUnits(whole)];
  return fromUnits((2n * units * numerator + denominator) / (2n * denominator));
};
