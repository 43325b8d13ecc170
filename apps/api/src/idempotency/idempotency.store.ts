import type { Pool } from 'pg';

export type StoredResponse = Readonly<{ status: number; headers: Record<string, string>; body: unknown }>;

export type Claim = { kind: 'claimed' } | { kind: 'replay'; response: StoredResponse } | { kind: 'in-flight' } | { kind: 'mismatch' };

/**
 * Remembers the first answer to each (scope, Idempotency-Key) in PostgreSQL, so every replica
 * answers a retry the same way. A claim left by a crashed process expires after the lease.
 */
export class IdempotencyStore {
  constructor(
    private readonly pool: Pool,
    private readonly leaseSeconds = 60,
  ) {}

  async setup(): Promise<void> {
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS http_idempotency (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status int,
        headers json,
        -- json, not jsonb: a replay answers the very bytes of the first answer, keys in their order
        body json,
        created_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
  }

  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    const inserted = await this.pool.query(
      `INSERT INTO http_idempotency (scope, key, request_hash, lease_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, requestHash, this.leaseSeconds],
    );
    if (inserted.rowCount === 1) return { kind: 'claimed' };
    const { rows } = await this.pool.query<{
      request_hash: string;
      status: number | null;
      headers: Record<string, string> | null;
      body: unknown;
    }>(`SELECT request_hash, status, headers, body FROM http_idempotency WHERE scope = $1 AND key = $2`, [scope, key]);
    const row = rows[0];
    if (!row) return this.claim(scope, key, requestHash); // released between our insert and select
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status !== null) return { kind: 'replay', response: { status: row.status, headers: row.headers ?? {}, body: row.body } };
    return (await this.takeOverExpired(scope, key)) ? { kind: 'claimed' } : { kind: 'in-flight' };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(`UPDATE http_idempotency SET status = $3, headers = $4, body = $5 WHERE scope = $1 AND key = $2`, [
      scope,
      key,
      response.status,
      JSON.stringify(response.headers),
      JSON.stringify(response.body ?? null),
    ]);
  }

  /** Forgets a claim whose request produced no answer worth repeating (invalid input, server error). */
  async release(scope: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM http_idempotency WHERE scope = $1 AND key = $2 AND status IS NULL`, [scope, key]);
  }

  private async takeOverExpired(scope: string, key: string): Promise<boolean> {
    const taken = await this.pool.query(
      `UPDATE http_idempotency SET lease_until = now() + make_interval(secs => $3)
       WHERE scope = $1 AND key = $2 AND status IS NULL AND lease_until < now() RETURNING key`,
      [scope, key, this.leaseSeconds],
    );
    return taken.rowCount === 1;
  }
}
