import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, freePort } from '@ledgerline/platform';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app';

const POSTGRES = resolve(__dirname, 'health-recovery.postgres.mjs');

/** A PostgreSQL only this suite uses (the shared test server stays up for the others), stopped and started on command. */
class DedicatedPostgres {
  private readonly answers: AsyncIterator<string>;

  private constructor(private readonly process: ChildProcessWithoutNullStreams) {
    this.answers = createInterface({ input: process.stdout })[Symbol.asyncIterator]();
  }

  static async start(dataDir: string, port: number): Promise<DedicatedPostgres> {
    const postgres = new DedicatedPostgres(spawn(process.execPath, [POSTGRES, dataDir, String(port)]));
    await postgres.expect('started');
    return postgres;
  }

  async command(command: 'stop' | 'start', done: string): Promise<void> {
    this.process.stdin.write(`${command}\n`);
    await this.expect(done);
  }

  async exit(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((done) => this.process.once('exit', done));
    this.process.stdin.write('exit\n');
    await exited;
  }

  private async expect(answer: string): Promise<void> {
    const { value } = await this.answers.next();
    if (value !== answer) throw new Error(`PostgreSQL helper: expected "${answer}", got "${String(value)}"`);
  }
}

describe('/health/ready follows PostgreSQL going away and coming back, without a restart', () => {
  const parent = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ledgerline-health-'));
  const adminKey = `llk_admin_${randomBytes(32).toString('base64url')}`;
  let postgres: DedicatedPostgres;
  let app: INestApplication;

  beforeAll(async () => {
    const port = await freePort();
    postgres = await DedicatedPostgres.start(join(parent, 'data'), port);
    const config = loadConfig({
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      LOG_LEVEL: 'error',
      DATABASE_POOL_SIZE: '5',
      ADMIN_API_KEY: adminKey,
      // Readiness does not depend on the projections; a runner whose lock connection died with PostgreSQL
      // cannot release that lock on close (libs/projections), which would leave this app half-closed.
      PROJECTIONS: 'off',
    });
    app = await createApp(config, { logger: false });
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await postgres?.exit();
    rmSync(parent, { recursive: true, force: true });
  }, 30_000);

  const ready = () => request(app.getHttpServer()).get('/health/ready');

  /** Polls readiness until it answers `status`; returns that answer. */
  async function untilReady(status: number, timeoutMs: number): Promise<request.Response> {
    let last: request.Response | undefined;
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
      last = await ready();
      if (last.status === status) return last;
    }
    throw new Error(`/health/ready did not answer ${status} within ${timeoutMs} ms; last: ${last?.status} ${last?.text}`);
  }

  it('answers 503 naming the stores while PostgreSQL is stopped and 200 once it is back; writes work again', async () => {
    await ready().expect(200);

    await postgres.command('stop', 'stopped');
    const down = await untilReady(503, 20_000);
    expect(down.body).toMatchObject({
      status: 'error',
      error: { eventStore: { status: 'down' }, readModels: { status: 'down' } },
    });
    await request(app.getHttpServer()).get('/health/live').expect(200); // the process itself is fine: do not restart it

    await postgres.command('start', 'started');
    const up = await untilReady(200, 30_000);
    expect(up.body).toMatchObject({ status: 'ok', details: { eventStore: { status: 'up' }, readModels: { status: 'up' } } });
    await request(app.getHttpServer())
      .post('/v1/customers')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({ kind: 'company', name: 'Back Again Ltd' })
      .expect(201);
  }, 90_000);
});
