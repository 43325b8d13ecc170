import { startEmbeddedPostgres } from '@ledgerline/platform/embedded-postgres/embedded-postgres';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { packageVersion } from './report';

export type Server = Readonly<{ url: string; where: string; stop: () => Promise<void> }>;

/** The filesystem type a path lives on (longest mount point that contains it), from /proc/mounts. */
function filesystemOf(path: string): string {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '));
    const containing = mounts.filter(([, point]) => point && (path === point || path.startsWith(point === '/' ? '/' : `${point}/`)));
    const [device, point, type] = containing.sort((a, b) => b[1].length - a[1].length)[0];
    return `${type} on ${device}, mounted on ${point}`;
  } catch {
    return 'unknown filesystem';
  }
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL (default settings) in a new temp dir, removed on stop. */
export async function openServer(log: (message: string) => void): Promise<Server> {
  const configured = process.env.DATABASE_URL;
  if (configured)
    return { url: configured, where: `the server at DATABASE_URL (${new URL(configured).host})`, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-'));
  // As root, embedded-postgres runs postgres as the OS user "postgres", which must reach dir/postgres.
  chmodSync(dir, 0o755);
  const stop = async (embedded?: { stop: () => Promise<void> }) => {
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const embedded = await startEmbeddedPostgres(dir, log);
    const where = `embedded (\`embedded-postgres\` ${packageVersion('embedded-postgres')}, default configuration), data dir in a temp dir in ${tmpdir()} (${filesystemOf(dir)})`;
    return { url: embedded.url, where, stop: () => stop(embedded) };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server for one system; drop() removes it. */
export async function createDatabase(serverUrl: string, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${label}_${randomUUID().slice(0, 8)}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** The server settings that decide what a commit costs. */
export const serverSettings = (url: string) =>
  onServer(url, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'max_connections', 'shared_buffers')`,
    );
    return Object.fromEntries(rows.map(({ name, setting }) => [name, setting]));
  });
