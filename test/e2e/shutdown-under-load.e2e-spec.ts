import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { createTestDatabase } from '../support/test-database';
import { freePort } from '@ledgerline/platform';

const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');
const SHUTDOWN_TIMEOUT_SECONDS = 10;
const CLIENTS = 8;

async function untilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    if (
      await fetch(`${url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
  }
  throw new Error(`the API did not become ready within 60 s:\n${output()}`);
}

describe('SIGTERM under a steady command load', () => {
  it('drains: every command answered 2xx is in the event store, and the process exits 0 within SHUTDOWN_TIMEOUT_SECONDS', async () => {
    expect(existsSync(MAIN)).toBe(true); // built by `npm test` before Jest runs; run `npm run build` first otherwise
    const database = await createTestDatabase();
    const adminKey = `llk_admin_${randomBytes(32).toString('base64url')}`;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let output = '';
    const api = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        DATABASE_URL: database.url,
        ADMIN_API_KEY: adminKey,
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '0', // the load comes from one key; the limiter is tested in operations.e2e-spec.ts
        SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (chunk) => (output += chunk));
    api.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => api.once('exit', (code) => done(code)));
    try {
      await untilReady(url, api, () => output);

      const accepted: string[] = [];
      let refused = 0;
      let running = true;
      // Each client sends one command after the other (keep-alive connections) until the API is gone.
      const client = async () => {
        while (running) {
          const id = randomUUID();
          const answer = await fetch(`${url}/v1/customers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
            body: JSON.stringify({ id, kind: 'company', name: `Load ${id.slice(0, 8)}` }),
          }).catch(() => undefined);
          if (answer?.ok) accepted.push(id);
          else if (answer) refused++;
          else await sleep(5); // not accepting any more
        }
      };
      const clients = Array.from({ length: CLIENTS }, client);
      await sleep(1_500);
      const acceptedBeforeSignal = accepted.length;
      const signalled = Date.now();
      api.kill('SIGTERM');
      const code = await exited;
      const took = Date.now() - signalled;
      running = false;
      await Promise.all(clients);

      expect(code).toBe(0);
      expect(took).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000);
      expect(acceptedBeforeSignal).toBeGreaterThan(CLIENTS);
      expect(refused).toBe(0); // in flight at SIGTERM means answered, not failed

      const store = new Client({ connectionString: database.url });
      await store.connect();
      try {
        const { rows } = await store.query<{ stream_id: string }>(`SELECT stream_id FROM events WHERE type = 'CustomerRegistered'`);
        const stored = new Set(rows.map((row) => row.stream_id));
        expect(accepted.filter((id) => !stored.has(`customer-${id}`))).toEqual([]);
      } finally {
        await store.end();
      }

      // JSON lines with the request id; the credential never written, its header redacted.
      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const requestLines = lines.filter((line) => (line.req as { url?: string } | undefined)?.url === '/v1/customers');
      expect(requestLines.length).toBeGreaterThan(0);
      expect(requestLines[0]).toMatchObject({ requestId: expect.any(String), req: { headers: { authorization: '[redacted]' } } });
      expect(output).not.toContain(adminKey);
    } finally {
      if (api.exitCode === null) api.kill('SIGKILL');
      await database.drop();
    }
  }, 120_000);
});
