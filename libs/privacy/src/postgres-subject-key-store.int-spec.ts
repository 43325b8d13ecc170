import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@ledgerline/testing';
import { until } from '@ledgerline/event-store/testing/contract-helpers';
import { Pool } from 'pg';
import { Keyring } from './keyring';
import { LocalMasterKey } from './local-master-key';
import { PostgresSubjectKeyStore } from './postgres-subject-key-store';

describe('PostgresSubjectKeyStore', () => {
  const master = new LocalMasterKey(randomBytes(32));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pools: Pool[];
  let stores: PostgresSubjectKeyStore[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two pools stand for two processes: one key table, one notification channel.
    pools = [new Pool({ connectionString: database.url }), new Pool({ connectionString: database.url })];
    stores = await Promise.all(pools.map((pool) => PostgresSubjectKeyStore.open(pool)));
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  it('gives processes creating a subject key at once the same key', async () => {
    const keyrings = stores.map((store) => new Keyring(store, master));
    const subjects = Array.from({ length: 50 }, (_, index) => `race-${index}`);
    const [a, b] = await Promise.all(keyrings.map((keyring) => keyring.sealingKeys(subjects)));
    for (const subject of subjects) expect(a.get(subject)?.key.equals(b.get(subject)?.key as Buffer)).toBe(true);
    const { rows } = await pools[0].query(`SELECT count(*)::int AS count FROM subject_keys WHERE subject LIKE 'race-%'`);
    expect(rows[0].count).toBe(50);
  });

  it("destroys a key's bytes, keeps its tombstone, and makes another process forget the key it had cached", async () => {
    const [here, there] = stores.map((store) => new Keyring(store, master));
    await here.sealingKeys(['ada']);
    expect((await there.openingKeys(['ada'])).get('ada')).not.toBe('erased');
    expect(await here.destroy('ada')).toBe(true);
    await until(async () => (await there.openingKeys(['ada'])).get('ada') === 'erased', 'the other process hears of the destruction');
    const { rows } = await pools[0].query(`SELECT wrapped_key, master_key_id, destroyed_at FROM subject_keys WHERE subject = 'ada'`);
    expect(rows).toEqual([{ wrapped_key: null, master_key_id: null, destroyed_at: expect.any(Date) }]);
    await expect(new Keyring(stores[1], master).sealingKeys(['ada'])).rejects.toThrow('was erased');
    expect(await here.destroy('ada')).toBe(false);
  });

  it('creates a tombstone for a subject erased before it had a key', async () => {
    expect(await stores[0].destroy('never-sealed')).toBe(false);
    expect((await stores[1].find(['never-sealed'])).get('never-sealed')).toEqual({ version: 1, destroyed: true });
  });
});
