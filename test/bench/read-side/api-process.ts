import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@ledgerline/platform';

export type ApiProcess = Readonly<{
  url: string;
  /** fetch() on the API as its admin (the bench's own bootstrap key). */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** The Authorization header fetch() sends, for a client of another kind. */
  authorization: string;
  stop: () => Promise<void>;
}>;

/** The API as `npm start` runs it (projections included), compiled with the bench, in its own process, on loopback. */
export async function startApi(databaseUrl: string): Promise<ApiProcess> {
  const port = await freePort();
  const adminKey = `llk_admin_${randomBytes(24).toString('base64url')}`;
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '../../../apps/api/src/main.js')], {
    // No rate limit: the bench is the one client, and measures the API, not the limiter.
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'error',
      ADMIN_API_KEY: adminKey,
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const authorization = `Bearer ${adminKey}`;
  const authorized = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { ...init.headers, authorization } });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, fetch: authorized, authorization, stop };
  }
  await stop();
  throw new Error('the API did not answer /health within 2 minutes');
}

type ProjectionItem = { name: string; state: string; lagEvents: number };

/** Waits until every projection the API runs is live with no lag; logs its progress now and then. */
export async function waitForCatchUp(api: ApiProcess, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  let lastLog = started;
  for (;;) {
    const { items } = (await (await api.fetch('/v1/admin/projections')).json()) as { items: ProjectionItem[] };
    const failed = items.find((item) => item.state === 'failed');
    if (failed) throw new Error(`projection ${failed.name} failed`);
    if (items.length > 0 && items.every((item) => item.state === 'live' && item.lagEvents === 0))
      return (performance.now() - started) / 1000;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  catching up: ${items.map((item) => `${item.name} ${item.state} lag ${item.lagEvents}`).join(', ')}`);
    }
    await sleep(500);
  }
}
