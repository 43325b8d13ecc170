import { Pool } from 'pg';
import { createTestDatabase } from '@ledgerline/testing';
import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore on PostgreSQL', () => {
  let pool: Pool;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    pool = new Pool({ connectionString: database.url });
    await new IdempotencyStore(pool).setup();
  });
  afterAll(async () => {
    await pool.end();
    await drop();
  });

  const answer = { status: 201, headers: { etag: '"0"' }, body: { id: 'a', revision: 0 } };

  it('lets the first request run, holds the others, then repeats its answer', async () => {
    const store = new IdempotencyStore(pool);
    expect(await store.claim('ana', 'k1', 'hash-1')).toEqual({ kind: 'claimed' });
    expect(await store.claim('ana', 'k1', 'hash-1')).toEqual({ kind: 'in-flight' });
    await store.complete('ana', 'k1', answer);
    expect(await store.claim('ana', 'k1', 'hash-1')).toEqual({ kind: 'replay', response: answer });
  });

  it('tells a different request under the same key apart, and keeps keys private to their scope', async () => {
    const store = new IdempotencyStore(pool);
    await store.claim('ana', 'k2', 'hash-1');
    expect(await store.claim('ana', 'k2', 'hash-2')).toEqual({ kind: 'mismatch' });
    expect(await store.claim('bob', 'k2', 'hash-2')).toEqual({ kind: 'claimed' });
  });

  it('frees a released key for a corrected retry, but never a completed one', async () => {
    const store = new IdempotencyStore(pool);
    await store.claim('ana', 'k3', 'hash-1');
    await store.release('ana', 'k3');
    expect(await store.claim('ana', 'k3', 'hash-2')).toEqual({ kind: 'claimed' });
    await store.complete('ana', 'k3', answer);
    await store.release('ana', 'k3');
    expect(await store.claim('ana', 'k3', 'hash-2')).toEqual({ kind: 'replay', response: answer });
  });

  it('hands the key over when the process that claimed it died (its lease ran out)', async () => {
    const crashed = new IdempotencyStore(pool, 0);
    await crashed.claim('ana', 'k4', 'hash-1');
    expect(await new IdempotencyStore(pool).claim('ana', 'k4', 'hash-1')).toEqual({ kind: 'claimed' });
  });
});
