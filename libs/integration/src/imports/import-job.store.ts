import type { Actor } from '@ledgerline/application';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import type { ColumnMapping } from './column-mapping';
import type { LineResult } from './import-batch';
import type { ImportKind } from './import-kinds';
import type { ImportFormat } from './import-source';

export const IMPORT_STATUSES = ['receiving', 'queued', 'running', 'completed', 'cancelled', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export type ImportCounts = Readonly<{ linesRead: number; applied: number; unchanged: number; rejected: number }>;

export type ImportJob = ImportCounts &
  Readonly<{
    id: string;
    kind: ImportKind;
    format: ImportFormat;
    mapping: ColumnMapping | null;
    status: ImportStatus;
    actor: Actor;
    bytes: number;
    bytesRead: number;
    /** Lines up to this one are settled: a resumed job starts after it. */
    checkpointLine: number;
    cancelRequested: boolean;
    failure: string | null;
    createdAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
  }>;

type JobRow = {
  id: string;
  kind: ImportKind;
  format: ImportFormat;
  mapping: ColumnMapping | null;
  status: ImportStatus;
  actor: Actor;
  bytes: string;
  bytes_read: string;
  checkpoint_line: string;
  lines_read: string;
  applied: string;
  unchanged: string;
  rejected: string;
  cancel_requested: boolean;
  failure: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const toJob = (row: JobRow): ImportJob => ({
  id: row.id,
  kind: row.kind,
  format: row.format,
  mapping: row.mapping,
  status: row.status,
  actor: row.actor,
  bytes: Number(row.bytes),
  bytesRead: Number(row.bytes_read),
  checkpointLine: Number(row.checkpoint_line),
  linesRead: Number(row.lines_read),
  applied: Number(row.applied),
  unchanged: Number(row.unchanged),
  rejected: Number(row.rejected),
  cancelRequested: row.cancel_requested,
  failure: row.failure,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/** What the file is stored in while its job runs: big enough for few rows, small enough to hold one in memory. */
export const CHUNK_BYTES = 1024 * 1024;
/** A runner that stops renewing its lease (killed) hands the job to the next one after this long. */
export const LEASE_SECONDS = 30;
/** Runs that may fail (the store away, a bug) before the job is ended as failed. */
export const MAX_FAILED_ATTEMPTS = 5;

export type ImportError = Readonly<{ line: number; code: string; detail: string }>;

/**
 * Import jobs, their files and their rejected lines, in PostgreSQL: any process can resume a job after a restart.
 * The file is kept in chunks only while the job runs (it may hold personal data: it is deleted when the job ends).
 */
export class ImportJobStore {
  constructor(private readonly pool: Pool) {}

  async setup(): Promise<void> {
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS import_jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        format text NOT NULL,
        mapping jsonb,
        status text NOT NULL,
        actor jsonb NOT NULL,
        bytes bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        checkpoint_line bigint NOT NULL DEFAULT 0,
        lines_read bigint NOT NULL DEFAULT 0,
        applied bigint NOT NULL DEFAULT 0,
        unchanged bigint NOT NULL DEFAULT 0,
        rejected bigint NOT NULL DEFAULT 0,
        cancel_requested boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0,
        failure text,
        lease_owner text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX IF NOT EXISTS import_jobs_runnable ON import_jobs (created_at) WHERE status IN ('queued', 'running');
      CREATE TABLE IF NOT EXISTS import_chunks (
        job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (job_id, seq)
      );
      CREATE TABLE IF NOT EXISTS import_errors (
        job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        line bigint NOT NULL,
        code text NOT NULL,
        detail text NOT NULL,
        PRIMARY KEY (job_id, line)
      )`);
  }

  /** Stores the file as it arrives (chunk by chunk), then queues the job; a failed upload leaves nothing behind. */
  async create(
    job: { kind: ImportKind; format: ImportFormat; mapping?: ColumnMapping; actor: Actor },
    file: AsyncIterable<Buffer>,
  ): Promise<ImportJob> {
    const id = randomUUID();
    await this.pool.query(`INSERT INTO import_jobs (id, kind, format, mapping, status, actor) VALUES ($1, $2, $3, $4, 'receiving', $5)`, [
      id,
      job.kind,
      job.format,
      job.mapping ? JSON.stringify(job.mapping) : null,
      JSON.stringify(job.actor),
    ]);
    try {
      let seq = 0;
      let bytes = 0;
      for await (const chunk of rechunk(file, CHUNK_BYTES)) {
        await this.pool.query(`INSERT INTO import_chunks (job_id, seq, data) VALUES ($1, $2, $3)`, [id, seq++, chunk]);
        bytes += chunk.length;
      }
      return toJob(
        (await this.pool.query<JobRow>(`UPDATE import_jobs SET status = 'queued', bytes = $2 WHERE id = $1 RETURNING *`, [id, bytes]))
          .rows[0],
      );
    } catch (error) {
      await this.pool.query(`DELETE FROM import_jobs WHERE id = $1`, [id]);
      throw error;
    }
  }

  async get(id: string): Promise<ImportJob | undefined> {
    const { rows } = await this.pool.query<JobRow>(`SELECT * FROM import_jobs WHERE id = $1`, [id]);
    return rows[0] && toJob(rows[0]);
  }

  /**
   * Takes the oldest job nobody runs (queued, or running under a lease that ran out: its runner died), or the one
   * named, for `owner`. Concurrent runners never take the same job.
   */
  async lease(owner: string, id?: string): Promise<ImportJob | undefined> {
    const { rows } = await this.pool.query<JobRow>(
      `UPDATE import_jobs SET status = 'running', lease_owner = $1, lease_until = now() + make_interval(secs => $2),
              started_at = coalesce(started_at, now())
       WHERE id = (SELECT id FROM import_jobs
                   WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now()) AND ($3::uuid IS NULL OR id = $3)
                   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, LEASE_SECONDS, id ?? null],
    );
    return rows[0] && toJob(rows[0]);
  }

  /** The file from its first byte, one chunk in memory at a time. */
  file(id: string): Readable {
    const pool = this.pool;
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM import_chunks WHERE job_id = $1 AND seq = $2`, [id, seq]);
          if (rows.length === 0) return;
          yield rows[0].data;
        }
      })(),
    );
  }

  /**
   * A batch is settled: its rejected lines, the counts and the checkpoint move together, and the lease is renewed.
   * False when the lease was lost (this runner was too slow and another took the job): stop, without counting.
   */
  async checkpoint(
    id: string,
    owner: string,
    results: readonly LineResult[],
    bytesRead: number,
  ): Promise<{ held: boolean; cancelRequested: boolean }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const count = (status: LineResult['status']) => results.filter((result) => result.status === status).length;
      const { rows } = await client.query<{ cancel_requested: boolean }>(
        `UPDATE import_jobs SET checkpoint_line = greatest(checkpoint_line, $3), lines_read = lines_read + $4, applied = applied + $5,
                unchanged = unchanged + $6, rejected = rejected + $7, bytes_read = $8, lease_until = now() + make_interval(secs => $9)
         WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING cancel_requested`,
        [
          id,
          owner,
          results.at(-1)?.line ?? 0,
          results.length,
          count('applied'),
          count('unchanged'),
          count('rejected'),
          bytesRead,
          LEASE_SECONDS,
        ],
      );
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return { held: false, cancelRequested: false };
      }
      const errors = results.filter((result) => result.status === 'rejected');
      if (errors.length > 0) {
        await client.query(
          `INSERT INTO import_errors (job_id, line, code, detail)
           SELECT $1, e.line, e.code, e.detail FROM jsonb_to_recordset($2::jsonb) AS e(line bigint, code text, detail text)
           ON CONFLICT (job_id, line) DO NOTHING`,
          [id, JSON.stringify(errors)],
        );
      }
      await client.query('COMMIT');
      return { held: true, cancelRequested: rows[0].cancel_requested };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Ends the job (its file is deleted: nothing of it stays but the counts and the rejected lines' codes). */
  async finish(id: string, owner: string, status: 'completed' | 'cancelled' | 'failed', failure?: string): Promise<void> {
    await this.pool.query(
      `WITH ended AS (
         UPDATE import_jobs SET status = $3, failure = $4, finished_at = now(), lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 RETURNING id
       )
       DELETE FROM import_chunks WHERE job_id IN (SELECT id FROM ended)`,
      [id, owner, status, failure ?? null],
    );
  }

  /**
   * A run that failed (not a line: the store, or a bug). The job is tried again once its lease runs out, and after
   * `MAX_FAILED_ATTEMPTS` it is ended as failed, with the reason, so it does not go round for ever.
   */
  async failedAttempt(id: string, owner: string, reason: string): Promise<void> {
    await this.pool.query(
      `WITH counted AS (
         UPDATE import_jobs SET failed_attempts = failed_attempts + 1, failure = $3,
                status = CASE WHEN failed_attempts + 1 >= $4 THEN 'failed' ELSE status END,
                finished_at = CASE WHEN failed_attempts + 1 >= $4 THEN now() ELSE finished_at END,
                lease_owner = CASE WHEN failed_attempts + 1 >= $4 THEN NULL ELSE lease_owner END,
                lease_until = CASE WHEN failed_attempts + 1 >= $4 THEN NULL ELSE lease_until END
         WHERE id = $1 AND lease_owner = $2 RETURNING id, status
       )
       DELETE FROM import_chunks WHERE job_id IN (SELECT id FROM counted WHERE status = 'failed')`,
      [id, owner, reason, MAX_FAILED_ATTEMPTS],
    );
  }

  /** Hands a running job back (a shutdown): the next runner resumes it from its checkpoint without waiting for the lease. */
  async release(id: string, owner: string): Promise<void> {
    await this.pool.query(`UPDATE import_jobs SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`, [id, owner]);
  }

  /** A queued job ends at once; a running one stops after its current batch. False for a job that has ended. */
  async cancel(id: string): Promise<ImportJob | undefined> {
    await this.pool.query(
      `WITH cancelled AS (
         UPDATE import_jobs SET cancel_requested = true,
                status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
         WHERE id = $1 AND status IN ('queued', 'running') RETURNING id, status
       )
       DELETE FROM import_chunks WHERE job_id IN (SELECT id FROM cancelled WHERE status = 'cancelled')`,
      [id],
    );
    return this.get(id);
  }

  /** The rejected lines in line order, a page at a time (never all in memory). */
  async *errors(id: string, pageSize = 1_000): AsyncGenerator<ImportError> {
    for (let after = 0; ;) {
      const { rows } = await this.pool.query<{ line: string; code: string; detail: string }>(
        `SELECT line, code, detail FROM import_errors WHERE job_id = $1 AND line > $2 ORDER BY line LIMIT $3`,
        [id, after, pageSize],
      );
      for (const row of rows) yield { line: Number(row.line), code: row.code, detail: row.detail };
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].line);
    }
  }
}

/** Re-cuts a stream of buffers of any size into pieces of `size` bytes (the last one shorter). */
async function* rechunk(input: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of input) {
    pending.push(piece);
    length += piece.length;
    while (length >= size) {
      const all = Buffer.concat(pending, length);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      length -= size;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}
