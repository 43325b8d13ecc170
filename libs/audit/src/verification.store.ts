import type { Pool } from 'pg';
import type { VerificationReport } from './log-audit';

/** The verifications run (by `audit verify`), kept so an auditor route can show the latest. */
export class VerificationStore {
  constructor(private readonly pool: Pool) {}

  async setup(): Promise<void> {
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS audit_verifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        finished_at timestamptz NOT NULL,
        ok boolean NOT NULL,
        report jsonb NOT NULL
      )`);
  }

  async record(report: VerificationReport): Promise<void> {
    await this.pool.query('INSERT INTO audit_verifications (finished_at, ok, report) VALUES ($1, $2, $3)', [
      report.finishedAt,
      report.ok,
      JSON.stringify(report),
    ]);
  }

  async latest(): Promise<VerificationReport | undefined> {
    const { rows } = await this.pool.query<{ report: VerificationReport }>(
      'SELECT report FROM audit_verifications ORDER BY finished_at DESC, id DESC LIMIT 1',
    );
    return rows[0]?.report;
  }
}
