import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase } from '@ledgerline/testing';
import { loadConfig } from '../config/config';
import { ADMIN_KEY_FILE, bootstrapAdminKey } from './admin-key-bootstrap';
import { ApiKeyStore } from './api-key.store';

describe('ApiKeyStore and the bootstrap admin key on PostgreSQL', () => {
  let pool: Pool;
  let drop: () => Promise<void>;
  let store: ApiKeyStore;
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-keys-'));
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    pool = new Pool({ connectionString: database.url });
    store = new ApiKeyStore(pool);
    await store.setup();
    await store.setup(); // idempotent
  });
  afterAll(async () => {
    await pool.end();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const principalOf = async (secret: string) => {
    const authentication = await store.authenticate(secret);
    return authentication.kind === 'authenticated' ? authentication.principal : authentication;
  };

  it('authenticates a new key, lists it without its secret, and refuses it once revoked', async () => {
    const key = await store.create({ name: 'ERP prod', roles: ['integration'] });
    expect(await principalOf(key.secret)).toEqual({
      type: 'api-key',
      id: key.id,
      name: 'ERP prod',
      roles: ['integration'],
      authMethod: 'api-key',
    });
    const stored = (await pool.query(`SELECT * FROM api_keys WHERE id = $1`, [key.id])).rows[0];
    expect(JSON.stringify(stored)).not.toContain(key.secret.slice(-43));
    const listed = (await store.list()).find((candidate) => candidate.id === key.id);
    expect(listed).toMatchObject({ name: 'ERP prod', revokedAt: null, lastUsedAt: expect.any(String) });
    expect(listed).not.toHaveProperty('secret');
    const revoked = await store.revoke(key.id);
    expect((await store.revoke(key.id))?.revokedAt).toBe(revoked?.revokedAt);
    expect(await principalOf(key.secret)).toEqual({ kind: 'rejected', detail: `The API key ${key.id} was revoked.` });
    expect(await store.revoke('nope')).toBeUndefined();
  });

  it('refuses an expired key, a wrong secret and an unknown id alike', async () => {
    const key = await store.create({ name: 'BI', roles: ['analyst'], expiresAt: new Date(Date.now() + 60_000) });
    await pool.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [key.id]);
    expect(await principalOf(key.secret)).toEqual({ kind: 'rejected', detail: `The API key ${key.id} expired.` });
    const invalid = { kind: 'rejected', detail: 'The API key is not valid.' };
    // Another last character: a random secret may well end in the one a test picks.
    const wrongSecret = `${key.secret.slice(0, -1)}${key.secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await principalOf(wrongSecret)).toEqual(invalid);
    expect(await principalOf(key.secret.replace(key.id, 'ffffffffffffffff'))).toEqual(invalid);
  });

  it('on the embedded default: generates the admin key once, in DATA_DIR/admin-api-key with mode 0600', async () => {
    const config = { ...loadConfig({ DATA_DIR: dataDir }), databaseUrl: undefined };
    const first = await bootstrapAdminKey(store, config, () => undefined);
    const file = join(dataDir, ADMIN_KEY_FILE);
    expect(first).toEqual({ source: 'file', file, generatedSecret: expect.stringMatching(/^llk_admin_/) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.generatedSecret);
    expect(await bootstrapAdminKey(store, config, () => undefined)).toEqual({ source: 'file', file });
    expect(await principalOf(first.generatedSecret as string)).toMatchObject({ id: 'admin', roles: ['admin'] });
    // The file gone, the key stays and no other is made.
    unlinkSync(file);
    const said: string[] = [];
    expect(await bootstrapAdminKey(store, config, (line) => said.push(line))).toEqual({ source: 'none' });
    expect(said.join()).toMatch(/api-keys create --role admin/);
    expect(await principalOf(first.generatedSecret as string)).toMatchObject({ id: 'admin' });
  });

  it('makes ADMIN_API_KEY the admin key: the same value changes nothing, a new one replaces the old', async () => {
    const [one, two] = [`llk_admin_${'1'.repeat(43)}`, `llk_admin_${'2'.repeat(43)}`];
    await bootstrapAdminKey(store, loadConfig({ ADMIN_API_KEY: one, DATABASE_URL: 'postgres://x/y' }), () => undefined);
    const before = (await pool.query(`SELECT salt FROM api_keys WHERE id = 'admin'`)).rows[0].salt;
    expect(await store.ensure('admin', { name: 'x', roles: ['admin'], secret: one })).toBe('unchanged');
    expect((await pool.query(`SELECT salt FROM api_keys WHERE id = 'admin'`)).rows[0].salt).toBe(before);
    await bootstrapAdminKey(store, loadConfig({ ADMIN_API_KEY: two, DATABASE_URL: 'postgres://x/y' }), () => undefined);
    expect(await principalOf(two)).toMatchObject({ id: 'admin', roles: ['admin'] });
    expect(await principalOf(one)).toMatchObject({ kind: 'rejected' });
  });
});
