/**
 * Domain errors say, in words a person understands, why a command was refused.
 * The four kinds below are what adapters map to protocol answers (HTTP status, DLQ reason);
 * each concrete error extends one of them and adds a stable machine-readable `code`.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command's input is not acceptable whatever the record's state (bad amount, empty name...). */
export abstract class InvalidInput extends DomainError {}

/** The command targets a record that does not exist. */
export abstract class RecordNotFound extends DomainError {}

/** The command would create a record that already exists. */
export abstract class RecordAlreadyExists extends DomainError {}

/** The record's current state forbids the command (a lost deal cannot change stage...). */
export abstract class RuleViolated extends DomainError {}
