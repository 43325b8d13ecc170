import { country, UnknownCountry } from './country';
import { email, InvalidEmail } from './email';
import { InvalidPhone, phone } from './phone';

describe('email', () => {
  it('trims and lower-cases the address', () => expect(email(' Ada.Lovelace+crm@Example.CO.UK ')).toBe('ada.lovelace+crm@example.co.uk'));

  it.each([
    ['ada'],
    ['ada@'],
    ['@example.com'],
    ['ada@example'],
    ['ada @example.com'],
    ['ada@@example.com'],
    [`${'a'.repeat(65)}@example.com`],
  ])('refuses %j', (value) => expect(() => email(value)).toThrow(InvalidEmail));

  it('keeps the address out of the message, as it is personal data', () => {
    expect(() => email('ada.secret@')).toThrow(expect.not.objectContaining({ message: expect.stringContaining('secret') }));
  });
});

describe('phone', () => {
  it.each([['+49 30 1234567'], ['(030) 123-4567'], ['112']])('accepts %j as typed', (value) => expect(phone(` ${value} `)).toBe(value));

  it.each([['12'], ['call me'], ['+49 30 1234567 ext. 5'], ['1'.repeat(21)], ['']])('refuses %j', (value) =>
    expect(() => phone(value)).toThrow(expect.objectContaining({ code: 'invalid-phone' })),
  );

  it('is an InvalidPhone', () => expect(() => phone('x')).toThrow(InvalidPhone));
});

describe('country', () => {
  it('accepts ISO 3166-1 alpha-2 codes, in any case', () => {
    expect(country('DE')).toBe('DE');
    expect(country('gb')).toBe('GB');
  });

  it.each([['UK'], ['EU'], ['XK'], ['DEU'], ['ZZ'], ['']])('refuses %j, which is not an assigned code', (value) =>
    expect(() => country(value)).toThrow(UnknownCountry),
  );
});
