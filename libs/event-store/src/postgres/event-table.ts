/** Where the PostgreSQL adapter keeps its events: the table `events` in a schema, and the channel it notifies. */
export type EventTable = Readonly<{
  schema: string;
  /** Quoted, schema-qualified table name, safe to put in SQL. */
  name: string;
  /** The LISTEN/NOTIFY channel appends notify at commit. */
  channel: string;
  /** Quoted, schema-qualified name of the table that records which upgrade steps rewrote events already. */
  upgrades: string;
}>;

// Plain lowercase names only: they go into SQL text, and the channel (schema + ".events") must stay under 64 bytes.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export function eventTable(schema = 'public'): EventTable {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`Invalid event store schema name "${schema}": use [a-z_][a-z0-9_]*, at most 48 characters`);
  return {
    schema,
    name: `"${schema}"."events"`,
    channel: `${schema}.events`,
    upgrades: `"${schema}"."event_upgrades"`,
  };
}
