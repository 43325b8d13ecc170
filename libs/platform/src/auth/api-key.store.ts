import type { Pool } from 'pg';
import { apiKeyId, apiKeyMatches, hashApiKey, newApiKey, newApiKeyId } from './api-key-secret';
import { rejected, type Authentication } from './principal';
import { isRole, type Role } from './roles';

export type ApiKeyRecord = Readonly<{
  id: string;
  name: string;
  roles: readonly Role[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}>;

type Row = {
  id: string;
  name: string;
  roles: string[];
  salt: string;
  secret_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
};

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const toRecord = (row: Row): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  roles: row.roles.filter(isRole),
  createdAt: row.created_at.toISOString(),
  lastUsedAt: iso(row.last_used_at),
  expiresAt: iso(row.expires_at),
  revokedAt: iso(row.revoked_at),
});

const INVALID = 'The API key is not valid.';
/** last_used_at is written at most this often per key, so authentication does not turn every read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** API keys for systems (ERP, billing, BI): created, listed, revoked; only a salted hash of each secret is kept. */
export class ApiKeyStore {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly pool: Pool) {}

  async setup(): Promise<void> {
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        roles text[] NOT NULL,
        salt text NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  /** The only time the secret exists outside the caller's hands: show it once. */
  async create(key: { name: string; roles: readonly Role[]; expiresAt?: Date }): Promise<ApiKeyRecord & { secret: string }> {
    const id = newApiKeyId();
    const secret = newApiKey(id);
    const { salt, hash } = hashApiKey(secret);
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO api_keys (id, name, roles, salt, secret_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [id, key.name, key.roles, salt, hash, key.expiresAt ?? null],
    );
    return { ...toRecord(rows[0]), secret };
  }

  /**
   * Makes the key with this id accept exactly this secret (the bootstrap admin key from ADMIN_API_KEY or
   * DATA_DIR/admin-api-key). Idempotent: an unchanged secret leaves the row alone, a revoked one stays revoked;
   * a new secret replaces the old one and is active.
   */
  async ensure(id: string, key: { name: string; roles: readonly Role[]; secret: string }): Promise<'created' | 'unchanged' | 'replaced'> {
    const { salt, hash } = hashApiKey(key.secret);
    const inserted = await this.pool.query(
      `INSERT INTO api_keys (id, name, roles, salt, secret_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [id, key.name, key.roles, salt, hash],
    );
    if (inserted.rowCount === 1) return 'created';
    const row = await this.row(id);
    if (row && apiKeyMatches(key.secret, { salt: row.salt, hash: row.secret_hash })) return 'unchanged';
    await this.pool.query(
      `UPDATE api_keys SET name = $2, roles = $3, salt = $4, secret_hash = $5, revoked_at = NULL, expires_at = NULL WHERE id = $1`,
      [id, key.name, key.roles, salt, hash],
    );
    return 'replaced';
  }

  async exists(id: string): Promise<boolean> {
    return (await this.row(id)) !== undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM api_keys ORDER BY created_at, id`);
    return rows.map(toRecord);
  }

  /** Revoking twice keeps the first time; undefined when there is no such key. */
  async revoke(id: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.pool.query<Row>(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *`, [
      id,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  async authenticate(credential: string): Promise<Authentication> {
    const id = apiKeyId(credential);
    const row = id === undefined ? undefined : await this.row(id);
    // Whether a key was revoked or expired is only told to someone who holds its secret.
    if (!row || !apiKeyMatches(credential, { salt: row.salt, hash: row.secret_hash })) return rejected(INVALID);
    if (row.revoked_at) return rejected(`The API key ${row.id} was revoked.`);
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) return rejected(`The API key ${row.id} expired.`);
    await this.touch(row.id);
    return {
      kind: 'authenticated',
      principal: { type: 'api-key', id: row.id, name: row.name, roles: row.roles.filter(isRole), authMethod: 'api-key' },
    };
  }

  private async row(id: string): Promise<Row | undefined> {
    return (await this.pool.query<Row>(`SELECT * FROM api_keys WHERE id = $1`, [id])).rows[0];
  }

  private async touch(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(id, now);
    await this.pool.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
