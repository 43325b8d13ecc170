import type { DataSource, QueryRunner } from 'typeorm';

// Advisory locks of projections live in their own namespace (the first int of the two-int form).
const LOCK_NAMESPACE = 0x4c4c; // "LL"

/**
 * Takes the projection's session-level advisory lock: whoever holds it is the one process that
 * writes the projection's tables. Undefined when someone else holds it; free it with releaseProjectionLock
 * (it is also freed if the connection dies).
 */
export async function tryProjectionLock(dataSource: DataSource, projection: string): Promise<QueryRunner | undefined> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  const [{ locked }]: { locked: boolean }[] = await lock.query(`SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS locked`, [
    LOCK_NAMESPACE,
    projection,
  ]);
  if (locked) return lock;
  await lock.release();
  return undefined;
}

/**
 * Frees the lock and undoes the session's settings (a runner may have changed some), then hands the connection back. Handing it back alone would not do: the pool keeps the
 * session open, and the lock with it, until the connection idles out.
 */
export async function releaseProjectionLock(lock: QueryRunner): Promise<void> {
  // A connection that died (the database went away) took its session, and the lock, with it.
  await lock.query(`RESET ALL; SELECT pg_advisory_unlock_all()`).catch(() => undefined);
  await lock.release();
}
