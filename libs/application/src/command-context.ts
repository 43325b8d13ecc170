/** Who or what issued a command; recorded in every event it produces. */
export type Actor = Readonly<{
  type: 'user' | 'api-key' | 'integration' | 'system' | 'anonymous';
  id: string;
  name?: string;
  roles: readonly string[];
  authMethod?: 'api-key' | 'jwt' | 'kafka' | 'internal' | 'none';
}>;

/** Everything about a command that is not the command itself: provenance, time and concurrency intent. */
export type CommandContext = Readonly<{
  actor: Actor;
  correlationId: string;
  /** The id of the message (HTTP request, Kafka record) that caused this command. */
  causationId: string;
  /** Makes retries safe: the same key yields the same event ids, so a repeated command is not applied twice. */
  idempotencyKey?: string;
  /** The system the command came through: "api", "kafka:erp.customer.v1", "cli"... */
  source: string;
  now: Date;
  /** Set from If-Match: the command fails instead of retrying when the record moved on. */
  expectedRevision?: number;
}>;

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'ledgerline', name: 'Ledgerline', roles: [], authMethod: 'internal' };
