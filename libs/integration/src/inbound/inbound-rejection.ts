import { DomainError } from '@ledgerline/domain';

/**
 * Why a message goes to its topic's dead-letter queue instead of being retried: it can never succeed as it is.
 * `malformed`: it cannot be read as the contract says. `rejected`: it was read, and Ledgerline refused it
 * (unknown customer, archived customer, an invalid value...). `code` is stable; the message is for people.
 */
export class InboundRejection extends Error {
  private constructor(
    readonly kind: 'malformed' | 'rejected',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InboundRejection';
  }

  static malformed(code: string, message: string): InboundRejection {
    return new InboundRejection('malformed', code, message);
  }

  static rejected(code: string, message: string): InboundRejection {
    return new InboundRejection('rejected', code, message);
  }

  /** A domain error is a rejection (retrying cannot change the answer); anything else may be transient: undefined. */
  static of(error: unknown): InboundRejection | undefined {
    if (error instanceof InboundRejection) return error;
    if (error instanceof DomainError) return InboundRejection.rejected(error.code, error.message);
    return undefined;
  }
}
