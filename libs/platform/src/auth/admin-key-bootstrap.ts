import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerlineConfig } from '../config/config';
import { apiKeyId, newApiKey } from './api-key-secret';
import type { ApiKeyStore } from './api-key.store';

/** The bootstrap admin key's fixed id: its secret reads llk_admin_…. */
export const ADMIN_KEY_ID = 'admin';
export const ADMIN_KEY_FILE = 'admin-api-key';

/** Where this start found its admin key; `generatedSecret` is set only on the start that created it (print it once). */
export type AdminKeyBootstrap = Readonly<{
  source: 'environment' | 'file' | 'none';
  file?: string;
  generatedSecret?: string;
}>;

const ensureAdmin = (store: ApiKeyStore, secret: string, name: string) => store.ensure(ADMIN_KEY_ID, { name, roles: ['admin'], secret });

/**
 * The first admin key: ADMIN_API_KEY when set; otherwise, on the embedded default (no DATABASE_URL), the key kept in
 * DATA_DIR/admin-api-key, generated (mode 0600) on the first start. With an external database and no ADMIN_API_KEY,
 * nothing is created: `cli api-keys create --role admin` makes one.
 */
export async function bootstrapAdminKey(
  store: ApiKeyStore,
  config: LedgerlineConfig,
  log: (message: string) => void,
): Promise<AdminKeyBootstrap> {
  if (config.auth.adminApiKey) {
    await ensureAdmin(store, config.auth.adminApiKey, 'Bootstrap admin (ADMIN_API_KEY)');
    return { source: 'environment' };
  }
  if (config.databaseUrl) {
    if (!(await store.exists(ADMIN_KEY_ID)))
      log('No ADMIN_API_KEY set: create an admin key with `npm run cli -- api-keys create --role admin`');
    return { source: 'none' };
  }
  const file = join(config.dataDir, ADMIN_KEY_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (apiKeyId(secret) !== ADMIN_KEY_ID)
      throw new Error(`${file} does not hold an admin API key (llk_admin_…); delete it to get a new one`);
    await ensureAdmin(store, secret, `Bootstrap admin (${ADMIN_KEY_FILE})`);
    return { source: 'file', file };
  }
  if (await store.exists(ADMIN_KEY_ID)) {
    log(
      `${file} is gone but the admin key it held still works; a lost key is replaced with \`npm run cli -- api-keys create --role admin\``,
    );
    return { source: 'none' };
  }
  const secret = newApiKey(ADMIN_KEY_ID);
  // 'wx': a second process starting at the same moment fails here instead of overwriting the first one's key.
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  await ensureAdmin(store, secret, `Bootstrap admin (${ADMIN_KEY_FILE})`);
  return { source: 'file', file, generatedSecret: secret };
}
