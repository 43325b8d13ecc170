import { amount, currency, InvalidAmount, money, sameMoney, UnknownCurrency } from './money';

describe('amount', () => {
  it.each([
    ['0', '0'],
    ['0.0000', '0'],
    ['007', '7'],
    ['1250.50', '1250.5'],
    ['0.0001', '0.0001'],
    ['10.10', '10.1'],
    ['999999999999999.9999', '999999999999999.9999'],
  ])('writes %s as %s', (value, canonical) => expect(amount(value)).toBe(canonical));

  it.each([['-1'], ['1.23456'], ['1e3'], ['1,50'], ['.5'], ['5.'], [' 5'], ['+5'], [''], ['1000000000000000'], ['NaN']])(
    'refuses %j',
    (value) => expect(() => amount(value)).toThrow(InvalidAmount),
  );

  it('refuses a number, which may already have lost precision', () => {
    expect(() => amount(0.1 as unknown as string)).toThrow(InvalidAmount);
  });

  it('names the field and gives the stable code invalid-amount', () => {
    expect(() => amount('-5', 'price')).toThrow(expect.objectContaining({ code: 'invalid-amount', details: { field: 'price' } }));
  });
});

describe('currency', () => {
  it('accepts ISO 4217 codes, in any case', () => {
    expect(currency('EUR')).toBe('EUR');
    expect(currency('usd')).toBe('USD');
  });

  it.each([['EURO'], ['XYZ'], ['€'], ['']])('refuses %j', (value) =>
    expect(() => currency(value)).toThrow(expect.objectContaining({ code: 'invalid-currency' })),
  );

  it('is an UnknownCurrency', () => expect(() => currency('ABC')).toThrow(UnknownCurrency));
});

describe('money', () => {
  it('compares amounts written differently as equal', () => {
    expect(sameMoney(money('10.50', 'eur'), money('010.5000', 'EUR'))).toBe(true);
    expect(sameMoney(money('10.50', 'EUR'), money('10.50', 'CHF'))).toBe(false);
  });
});
