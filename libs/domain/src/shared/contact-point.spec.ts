import { comparableContactPoint } from './contact-point';

describe('comparable contact points', () => {
  it('compares e-mail addresses whatever their case and surrounding blanks', () => {
    expect(comparableContactPoint({ kind: 'email', value: ' Ada@Example.COM ' })).toBe('ada@example.com');
  });

  it.each([['+49 30 1234567'], ['+49 (30) 123-4567'], [' +49.30.1234567']])('reads %j as +49301234567', (value) => {
    expect(comparableContactPoint({ kind: 'phone', value })).toBe('+49301234567');
  });

  it('keeps a number without its + apart from one with it: the country code is not guessed', () => {
    expect(comparableContactPoint({ kind: 'phone', value: '030 1234567' })).toBe('0301234567');
  });
});
