import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { masterKeyOf } from './master-key-file';

describe('masterKeyOf', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'ledgerline-key-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('takes PRIVACY_MASTER_KEY when it is set, and writes no file', async () => {
    const key = Buffer.alloc(32, 9);
    const config = loadConfig({ DATA_DIR: dataDir, PRIVACY_MASTER_KEY: key.toString('base64') });
    expect((await masterKeyOf(config, () => undefined)).equals(key)).toBe(true);
    await expect(stat(join(dataDir, 'privacy-master.key'))).rejects.toThrow('ENOENT');
  });

  it('makes one key for processes starting together, readable by its owner only, and keeps it across starts', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const keys = await Promise.all(Array.from({ length: 8 }, () => masterKeyOf(config, () => undefined)));
    expect(keys[0]).toHaveLength(32);
    for (const key of keys) expect(key.equals(keys[0])).toBe(true);
    expect((await stat(join(dataDir, 'privacy-master.key'))).mode & 0o777).toBe(0o600);
    expect((await masterKeyOf(config, () => undefined)).equals(keys[0])).toBe(true);
  });
});
