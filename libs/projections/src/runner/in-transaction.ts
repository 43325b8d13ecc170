import type { DataSource, QueryRunner } from 'typeorm';

/** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(dataSource: DataSource, work: (sql: QueryRunner) => Promise<T>): Promise<T> {
  const sql = dataSource.createQueryRunner();
  await sql.connect();
  try {
    await sql.startTransaction();
    const result = await work(sql);
    await sql.commitTransaction();
    return result;
  } catch (error) {
    if (sql.isTransactionActive) await sql.rollbackTransaction();
    throw error;
  } finally {
    await sql.release();
  }
}
