import type { ProjectionTarget } from './projection';

/**
 * Writes many rows in one statement: the rows travel as one JSON array and PostgreSQL types them
 * by the table's own row type, so no column list has to be kept in step with the table by hand.
 */
export async function upsertRows(
  target: ProjectionTarget,
  table: string,
  key: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const name = target.table(table);
  const columns = Object.keys(rows[0]);
  const updates = columns.filter((column) => !key.includes(column)).map((column) => `"${column}" = EXCLUDED."${column}"`);
  const list = columns.map((column) => `"${column}"`).join(', ');
  await target.sql.query(
    `INSERT INTO ${name} (${list})
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)
     ON CONFLICT (${key.map((column) => `"${column}"`).join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`,
    [JSON.stringify(rows)],
  );
}

/** Loads the current rows of the given keys, to fold a batch of events onto them. */
export async function loadRows<Row>(
  target: ProjectionTarget,
  table: string,
  key: string,
  ids: readonly string[],
): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  const rows: (Row & Record<string, unknown>)[] = await target.sql.query(`SELECT * FROM ${target.table(table)} WHERE "${key}" = ANY($1)`, [
    ids,
  ]);
  return new Map(rows.map((row) => [String(row[key]), row]));
}
