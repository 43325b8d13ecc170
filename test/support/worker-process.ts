import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';

/** The built worker: `npm test` and .ci/run build before Jest runs; alone, run `npm run build` first. */
export const WORKER_MAIN = resolve(__dirname, '../../dist/apps/worker/src/main.js');

/** How far a projection (or the Kafka relay) stands: its checkpoint and the events after it. */
export type CheckpointProgress = { position: string | null; lag: number };

/**
 * The real worker process (`npm run start:worker`), started and stopped by a crash test. Every process
 * it started is killed by stopAll(), so a failing test leaves none behind. The end of each one's
 * stderr is kept for the failure message.
 */
export class WorkerProcesses {
  private readonly running = new Set<ChildProcess>();
  private stderr = '';

  /** Fails with a hint when the worker was not built. */
  static requireBuilt(): void {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` before these tests`);
  }

  /** A worker with only PATH and `env` in its environment. */
  start(env: Readonly<Record<string, string>>): ChildProcess {
    const worker = spawn(process.execPath, [WORKER_MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    this.running.add(worker);
    worker.once('exit', () => this.running.delete(worker));
    worker.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4_000)));
    return worker;
  }

  /** Sends `signal` and waits until the process is gone. */
  async stop(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = new Promise((done) => worker.once('exit', done));
    worker.kill(signal);
    await exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((worker) => this.stop(worker, 'SIGKILL')));
  }

  /** The end of what the workers wrote to stderr (LOG_LEVEL=error keeps it to failures). */
  errors(): string {
    return this.stderr;
  }
}

export async function checkpointProgress(pool: Pool, projection: string): Promise<CheckpointProgress> {
  const { rows } = await pool.query<{ position: string | null; lag: string }>(
    `SELECT c.position::text AS position,
            (SELECT count(*) FROM events WHERE (transaction_id::text::numeric * 281474976710656 + global_position) > coalesce(c.position, -1)) AS lag
     FROM (SELECT (SELECT position FROM projection_checkpoints WHERE name = $1) AS position) AS c`,
    [projection],
  );
  return { position: rows[0].position, lag: Number(rows[0].lag) };
}

/** Polls until `done` says so; the checkpoint table may not exist before the worker's first start. A timeout shows `workers`' stderr. */
export async function untilCheckpoint(
  pool: Pool,
  projection: string,
  done: (progress: CheckpointProgress) => boolean,
  timeoutMs: number,
  workers?: WorkerProcesses,
): Promise<CheckpointProgress> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(5)) {
    const progress = await checkpointProgress(pool, projection).catch(() => ({ position: null, lag: Infinity }));
    if (done(progress)) return progress;
  }
  throw new Error(`timed out waiting for the checkpoint of ${projection}${workers ? `; the workers' stderr:\n${workers.errors()}` : ''}`);
}
