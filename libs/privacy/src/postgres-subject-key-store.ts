import { inTransaction, NotificationListener } from '@ledgerline/event-store';
import type { Pool } from 'pg';
import type { WrappedKey } from './key-provider.port';
import type { StoredSubjectKey, SubjectKeyStore } from './subject-key-store.port';

const CHANNEL = 'ledgerline_subject_key_destroyed';
// Any fixed number: serialises the table's setup between processes starting together.
const SETUP_LOCK = 7_114_202_601;

type Row = { subject: string; version: number; wrapped_key: Buffer | null; master_key_id: string | null };

/**
 * subject_keys: one row per data subject; a destroyed key leaves its row as a tombstone (wrapped_key NULL), so that
 * creating a key on first use can never bring an erased subject's key back.
 */
export class PostgresSubjectKeyStore implements SubjectKeyStore {
  private readonly listener: NotificationListener;
  private readonly listeners: ((subject: string | undefined) => void)[] = [];

  private constructor(private readonly pool: Pool) {
    this.listener = new NotificationListener(pool, CHANNEL, (subject) => this.listeners.forEach((listener) => listener(subject)), 1_000);
  }

  static async open(pool: Pool): Promise<PostgresSubjectKeyStore> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS subject_keys (
          subject text PRIMARY KEY,
          version integer NOT NULL,
          wrapped_key bytea,
          master_key_id text,
          created_at timestamptz NOT NULL DEFAULT now(),
          destroyed_at timestamptz,
          CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
        )`);
    });
    const store = new PostgresSubjectKeyStore(pool);
    store.listener.start();
    return store;
  }

  async find(subjects: readonly string[]): Promise<Map<string, StoredSubjectKey>> {
    const { rows } = await this.pool.query<Row>(
      `SELECT subject, version, wrapped_key, master_key_id FROM subject_keys WHERE subject = ANY($1::text[])`,
      [subjects],
    );
    return new Map(
      rows.map((row): [string, StoredSubjectKey] => [
        row.subject,
        row.wrapped_key === null
          ? { version: row.version, destroyed: true }
          : { version: row.version, key: { wrapped: row.wrapped_key, masterKeyId: row.master_key_id as string } },
      ]),
    );
  }

  async addMissing(keys: ReadonlyMap<string, WrappedKey>): Promise<void> {
    const entries = [...keys];
    await this.pool.query(
      `INSERT INTO subject_keys (subject, version, wrapped_key, master_key_id)
       SELECT subject, 1, wrapped_key, master_key_id FROM unnest($1::text[], $2::bytea[], $3::text[]) AS k(subject, wrapped_key, master_key_id)
       ON CONFLICT (subject) DO NOTHING`,
      [entries.map(([subject]) => subject), entries.map(([, key]) => key.wrapped), entries.map(([, key]) => key.masterKeyId)],
    );
  }

  async destroy(subject: string): Promise<boolean> {
    // The key's bytes go with the UPDATE; PostgreSQL reclaims the old row version at the next vacuum (docs/security.md).
    const { rows } = await this.pool.query<{ destroyed: number }>(
      `WITH destroyed AS (
         UPDATE subject_keys SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = now()
         WHERE subject = $1 AND wrapped_key IS NOT NULL RETURNING subject
       ), tombstone AS (
         INSERT INTO subject_keys (subject, version, destroyed_at) SELECT $1, 1, now()
         WHERE NOT EXISTS (SELECT FROM destroyed) ON CONFLICT (subject) DO NOTHING
       )
       SELECT count(*)::int AS destroyed FROM destroyed`,
      [subject],
    );
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, subject]);
    return rows[0].destroyed === 1;
  }

  onDestroyed(listener: (subject: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.listener.close();
  }
}
