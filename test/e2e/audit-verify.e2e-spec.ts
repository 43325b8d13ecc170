import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';
import { until } from '@ledgerline/event-store/testing/contract-helpers';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');
const SIGNING_KEY = 'e2e-audit-signing-key-of-32-bytes-or-more';

type CliRun = Readonly<{ code: number; stdout: string; stderr: string }>;

/** The built CLI as an operator runs it, on the API's database. */
const cliOn =
  (api: ApiHarness) =>
  async (...args: string[]): Promise<CliRun> => {
    const env = { ...process.env, DATABASE_URL: api.databaseUrl, AUDIT_SIGNING_KEY: SIGNING_KEY, LOG_LEVEL: 'error' };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

describe('tamper evidence: audit checkpoint and audit verify on the real log, and GET /v1/audit/verification', () => {
  let api: ApiHarness;
  let auditor: string;
  const customers: string[] = [];

  const cli = (...args: string[]) => cliOn(api)(...args);
  const row = async (streamId: string, revision: number) =>
    (
      (await api.sql('SELECT data, hash FROM events WHERE stream_id = $1 AND stream_revision = $2', [streamId, revision])) as {
        rows: { data: Record<string, unknown>; hash: string }[];
      }
    ).rows[0];

  beforeAll(async () => {
    api = await startApi({ AUDIT_SIGNING_KEY: SIGNING_KEY });
    auditor = (await api.createKey(['auditor'])).secret;
    for (const name of ['Acme', 'Globex', 'Initech']) {
      const { body } = await api.http().post('/v1/customers').send({ kind: 'company', name }).expect(201);
      customers.push(body.id);
      await api
        .http()
        .patch(`/v1/customers/${body.id}`)
        .send({ name: `${name} AG` })
        .expect(200);
    }
  });
  afterAll(() => api?.close());

  it('shows no verification before the first, then the latest: a checkpointed log that verifies exits 0', async () => {
    await expectProblem(await api.as(auditor).get('/v1/audit/verification'), 404, 'no-verification-yet');
    const checkpoint = await cli('audit', 'checkpoint');
    expect(checkpoint).toMatchObject({ code: 0 });
    expect(JSON.parse(checkpoint.stdout)).toMatchObject({
      revision: 0,
      algorithm: 'HMAC-SHA256',
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const verified = await cli('audit', 'verify');
    expect(verified.stderr).toMatch(
      /Verified \d+ events in \d+ streams and 1 checkpoints through position \d+: every chain and checkpoint holds/,
    );
    expect(verified.code).toBe(0);
    const { body } = await api.as(auditor).get('/v1/audit/verification').expect(200);
    expect(body).toMatchObject({ ok: true, complete: true, checkpoints: 1, breakCount: 0, from: null });
    const { revision, position, ...signed } = JSON.parse(checkpoint.stdout) as Record<string, unknown>;
    const listed = await api.as(auditor).get('/v1/audit/checkpoints').expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ revision, position, source: 'cli', checkpoint: signed })]);
  });

  it('catches one stored event edited with SQL, naming the stream, revision, and the expected and found hash', async () => {
    const stream = `customer-${customers[0]}`;
    const original = await row(stream, 1);
    await api.sql(`UPDATE events SET data = jsonb_set(data, '{name}', '"Mallory Ltd"') WHERE stream_id = $1 AND stream_revision = 1`, [
      stream,
    ]);
    try {
      const run = await cli('audit', 'verify');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`The first: hash-mismatch in ${stream} at revision 1`);
      expect(run.stderr).toContain(`found ${original.hash}`);
      const { body } = await api.as(auditor).get('/v1/audit/verification').expect(200);
      expect(body).toMatchObject({ ok: false, breakCount: 1 });
      expect(body.breaks[0]).toMatchObject({ problem: 'hash-mismatch', streamId: stream, revision: 1, found: original.hash });
      expect(body.breaks[0].expected).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await api.sql('UPDATE events SET data = $2 WHERE stream_id = $1 AND stream_revision = 1', [stream, original.data]);
    }
    expect((await cli('audit', 'verify')).code).toBe(0);
  });

  it('catches a whole stream deleted with SQL through the checkpoint, though every remaining chain holds', async () => {
    const stream = `customer-${customers[2]}`;
    await api.sql('DELETE FROM events WHERE stream_id = $1', [stream]);
    const run = await cli('audit', 'verify');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.breaks).toEqual([
      expect.objectContaining({
        problem: 'checkpoint-root',
        streamId: 'audit-checkpoints',
        revision: 0,
        expected: expect.stringMatching(/over \d+ streams/),
      }),
    ]);
    const streamsIn = (statement: string) => Number(/over (\d+) streams/.exec(statement)?.[1]);
    expect(streamsIn(report.breaks[0].found)).toBe(streamsIn(report.breaks[0].expected) - 1);
    expect((await api.as(auditor).get('/v1/audit/verification').expect(200)).body).toMatchObject({ ok: false });
  });
});

describe('checkpoints on a schedule, where the projections run', () => {
  let api: ApiHarness;
  afterAll(() => api?.close());

  it('signs one each interval while records change, which verification then checks', async () => {
    api = await startApi({ AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1' });
    await api.http().post('/v1/customers').send({ kind: 'company', name: 'Umbrella' }).expect(201);
    const checkpoints = async () =>
      ((await api.sql(`SELECT data FROM events WHERE stream_id = 'audit-checkpoints' ORDER BY stream_revision`)) as { rows: unknown[] })
        .rows;
    await until(async () => (await checkpoints()).length === 1, 'a first scheduled checkpoint');
    await api.http().post('/v1/customers').send({ kind: 'company', name: 'Hooli' }).expect(201);
    await until(async () => (await checkpoints()).length === 2, 'a second one after a change');
    const auditor = (await api.createKey(['auditor'])).secret;
    const verified = await cliOn(api)('audit', 'verify');
    expect(verified.code).toBe(0);
    expect((await api.as(auditor).get('/v1/audit/verification').expect(200)).body).toMatchObject({ ok: true, checkpoints: 2 });
  });
});
