import { Client } from 'pg';

/** Rows per multi-row INSERT at most (PostgreSQL takes 65,535 parameters per statement). */
const ROWS_PER_STATEMENT = 1_000;
const SAMPLE_ROWS = 20_000;

/**
 * The baseline: `rows` rows of `table`'s shape (its own rows, as text, reused in turn) written with multi-row
 * INSERT ... VALUES into a copy without indexes or keys, one autocommitted statement at a time. No events are read
 * or folded: it is the floor of writing what the projection wrote. Returns the seconds it took.
 */
export async function insertBaseline(url: string, table: string, rows: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const copy = `bench_baseline_${table.replace(/\W/g, '_')}`;
  try {
    const [schema, name] = table.split('.');
    const { rows: columns } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, name],
    );
    const list = columns.map(({ column_name }) => `"${column_name}"`).join(', ');
    const sample = await client.query<string[]>({
      text: `SELECT ${columns.map(({ column_name }) => `"${column_name}"::text`).join(', ')} FROM ${table} LIMIT ${SAMPLE_ROWS}`,
      rowMode: 'array',
    });
    if (sample.rows.length === 0 || rows === 0) return 0;
    await client.query(`DROP TABLE IF EXISTS ${copy}`);
    await client.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING DEFAULTS)`);
    const perStatement = Math.min(ROWS_PER_STATEMENT, Math.floor(60_000 / columns.length));
    const placeholders = (count: number) =>
      Array.from(
        { length: count },
        (_, row) => `(${columns.map((_column, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
      ).join(', ');
    const full = placeholders(perStatement);
    const started = performance.now();
    for (let written = 0; written < rows; written += perStatement) {
      const count = Math.min(perStatement, rows - written);
      const values = Array.from({ length: count }, (_, row) => sample.rows[(written + row) % sample.rows.length]).flat();
      await client.query(`INSERT INTO ${copy} (${list}) VALUES ${count === perStatement ? full : placeholders(count)}`, values);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${copy}`);
    await client.end();
  }
}
