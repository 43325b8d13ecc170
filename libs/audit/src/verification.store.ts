import { inTransaction } from '@ledgerline/event-store';
import type { Pool } from 'pg';
import type { VerificationReport } from './log-audit';

/** The verifications run (by `audit verify`), kept so an auditor route can show the latest. */
export class VerificationStore {
  constructor(private readonly pool: Pool) {}

  async setup(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // IF NOT EXISTS does not stop two processes starting together from colliding in the catalog: take turns.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('ledgerline audit_verifications'))`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS audit_verifications (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          finished_at timestamptz NOT NULL,
          ok boolean NOT NULL,
          report jsonb NOT NULL
        )`);
    });
  }

  async record(report: VerificationReport): Promise<void> {
    await this.pool.query('INSERT INTO audit_verifications (finished_at, ok, report) VALUES ($1, $2, $3)', [
      report.finishedAt,
      report.ok,
      JSON.stringify(report),
    ]);
  }

  /**
   * The newest run from the start of the log or, if newer, the newest that found a break: a run from a later position
   * says nothing of what came before it, so it cannot stand for the log as a whole unless it found something. Without
   * either, the newest run.
   */
  async latest(): Promise<VerificationReport | undefined> {
    const { rows } = await this.pool.query<{ report: VerificationReport }>(
      `SELECT report FROM (
         (SELECT report, 0 AS preference FROM audit_verifications
          WHERE report->>'from' IS NULL OR NOT ok ORDER BY finished_at DESC, id DESC LIMIT 1)
         UNION ALL
         (SELECT report, 1 AS preference FROM audit_verifications ORDER BY finished_at DESC, id DESC LIMIT 1)
       ) AS candidates
       ORDER BY preference LIMIT 1`,
    );
    return rows[0]?.report;
  }
}
