import { InvalidInput } from './domain-error';

export class InvalidPhone extends InvalidInput {
  override readonly code = 'invalid-phone';
  constructor(readonly field: string) {
    super(`${field} must be a phone number of digits, spaces and + ( ) . / - such as "+49 30 1234567".`, { field });
  }
}

const PHONE = /^\+?[0-9 ()./-]+$/;
const MIN_DIGITS = 3;
// E.164 allows 15 digits; a few more leave room for an extension written without a word.
const MAX_DIGITS = 20;

/** Kept as typed (trimmed): numbers arrive from many countries and formats, and dialling is not our job. */
export const phone = (value: string, field = 'phone'): string => {
  const number = typeof value === 'string' ? value.trim() : '';
  const digits = number.replace(/\D/g, '').length;
  if (!PHONE.test(number) || digits < MIN_DIGITS || digits > MAX_DIGITS) throw new InvalidPhone(field);
  return number;
};
