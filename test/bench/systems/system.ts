import { Pool } from 'pg';

/** One event as every system receives it: Ledgerline's shape (the Emmett adapter maps it). */
export type BenchEvent = Readonly<{
  id: string;
  type: string;
  schemaVersion: number;
  data: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>>;
}>;

/** A stream's revision as the bench tracks it: that of its last event (0-based), NO_STREAM before the first. */
export const NO_STREAM = -1;

/** One system opened on its own database for one cell. */
export type Subject = Readonly<{
  /** Appends one event expecting the stream at `expected`; 'conflict' when another writer got there first. */
  append: (streamId: string, event: BenchEvent, expected: number) => Promise<'appended' | 'conflict'>;
  /** The stream's current revision, by the cheapest read the system offers; `known` is a revision seen before. */
  readRevision: (streamId: string, known: number) => Promise<number>;
  close: () => Promise<void>;
}>;

export type System = Readonly<{
  name: string;
  /** Creates the system's tables in its (fresh) database. */
  prepare: (url: string) => Promise<void>;
  open: (url: string, poolSize: number) => Promise<Subject>;
}>;

/** The pool every system gets: same driver, same size. */
export function benchPool(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', (error) => console.error(`pool: idle client error: ${error.message}`));
  return pool;
}

/** Runs `work` on a one-connection pool, then ends the pool. */
export async function withPool<T>(url: string, work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = benchPool(url, 1);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
