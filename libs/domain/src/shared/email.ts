import { InvalidInput } from './domain-error';

export class InvalidEmail extends InvalidInput {
  override readonly code = 'invalid-email';
  constructor(readonly field: string) {
    // The address itself stays out of the message: it is personal data and messages end up in logs.
    super(`${field} must be an e-mail address like name@example.com.`, { field });
  }
}

const MAX_LENGTH = 254;
const ADDRESS = /^[^\s@]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Lower-cased, so that one person's address compares equal however it was typed. */
export const email = (value: string, field = 'email'): string => {
  const address = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (address.length > MAX_LENGTH || !ADDRESS.test(address)) throw new InvalidEmail(field);
  return address;
};
