import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerlineConfig } from '../config/config';

const FILE = 'privacy-master.key';

/**
 * The master key: PRIVACY_MASTER_KEY, or (so that the embedded default needs no configuration) a key made on the
 * first start and kept in DATA_DIR, readable by its owner only. Losing it loses every personal field (docs/runbooks.md).
 */
export async function masterKeyOf(config: LedgerlineConfig, log: (message: string) => void): Promise<Buffer> {
  if (config.privacy.masterKey) return config.privacy.masterKey;
  const path = join(config.dataDir, FILE);
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  log(`PRIVACY_MASTER_KEY is unset: personal data keys are wrapped by the key in ${path} (set PRIVACY_MASTER_KEY in production)`);
  if (existing !== undefined) return Buffer.from(existing.trim(), 'base64');
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  // Written aside, then linked into place: a process starting at the same moment finds either no file or the whole
  // key, and only one key wins.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(aside, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await unlink(aside);
  }
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
}
