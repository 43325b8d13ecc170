import { setTimeout as sleep } from 'node:timers/promises';
import { PassThrough } from 'node:stream';
import { createReportSnapshot } from '../../apps/cli/src/commands/snapshot.command';
import { cliContext } from '../../apps/cli/src/testing/cli-context';
import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

describe('report snapshots: the read models as they stood at an instant', () => {
  let api: ApiHarness;
  let quarterClose: string;

  const readyJob = async (location: string) => {
    for (const deadline = Date.now() + 20_000; ; await sleep(50)) {
      const { body } = await api.http().get(location).expect(200);
      if (body.status !== 'building' || Date.now() > deadline) return body;
    }
  };

  beforeAll(async () => {
    api = await startApi();
    const early = (await api.http().post('/v1/customers').send({ kind: 'company', name: 'Early GmbH', country: 'DE' }).expect(201)).body;
    await api.http().get(`/v1/customers?consistentWith=${early.position}`).expect(200);
    await sleep(20);
    quarterClose = new Date().toISOString();
    await sleep(20);
    const late = (await api.http().post('/v1/customers').send({ kind: 'company', name: 'Late AG', country: 'FR' }).expect(201)).body;
    await api.http().get(`/v1/customers?consistentWith=${late.position}`).expect(200);
  });
  afterAll(() => api.close());

  it('builds as a job with counts, readable with the analytics views in snapshot_<name>', async () => {
    const created = await api.http().post('/v1/admin/snapshots').send({ name: 'q3-close', asOf: quarterClose }).expect(202);
    expect(created.headers.location).toBe('/v1/admin/snapshots/q3-close');
    expect(created.body).toMatchObject({ name: 'q3-close', schema: 'snapshot_q3_close', status: 'building', asOf: quarterClose });
    const job = await readyJob(created.headers.location);
    expect(job).toMatchObject({ status: 'ready', eventsApplied: expect.any(Number), eventsRead: job.eventsTotal });
    expect(job.eventsApplied).toBeLessThan(job.eventsRead);
    const countries = (await api.sql(`SELECT country FROM snapshot_q3_close.customers`)) as { rows: unknown[] };
    expect(countries.rows).toEqual([{ country: 'DE' }]);
    const analyst = (await api.createKey(['analyst'])).secret;
    expect((await api.as(analyst).get('/v1/admin/snapshots').expect(200)).body.items.map((item: { name: string }) => item.name)).toEqual([
      'q3-close',
    ]);
  });

  it('refuses a name that exists, an instant in the future or malformed, and non-admins', async () => {
    await api.writesNothing(async () => {
      expectProblem(await api.http().post('/v1/admin/snapshots').send({ name: 'q3-close', asOf: quarterClose }), 409, 'snapshot-exists');
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expectProblem(await api.http().post('/v1/admin/snapshots').send({ name: 'future', asOf: future }), 400, 'validation-failed');
      expectProblem(await api.http().post('/v1/admin/snapshots').send({ name: 'q4', asOf: 'end of Q4' }), 400, 'validation-failed');
      expectProblem(await api.http().post('/v1/admin/snapshots').send({ name: 'Q4 Close', asOf: quarterClose }), 400, 'validation-failed');
      const sales = (await api.createKey(['sales'])).secret;
      expectProblem(await api.as(sales).post('/v1/admin/snapshots').send({ name: 'mine', asOf: quarterClose }), 403, 'forbidden');
    });
    expect((await api.http().get('/v1/admin/snapshots').expect(200)).body.items).toHaveLength(1);
  });

  it('is made by the CLI too, with a progress bar, and dropped with its schemas', async () => {
    const cli = await cliContext(api.databaseUrl);
    try {
      const terminal = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
      const snapshot = await createReportSnapshot(cli, { name: 'now', asOf: new Date().toISOString() }, terminal);
      expect(snapshot).toMatchObject({ status: 'ready', schema: 'snapshot_now' });
    } finally {
      await cli.close();
    }
    expect(((await api.sql(`SELECT count(*)::int AS count FROM snapshot_now.customers`)) as { rows: unknown[] }).rows).toEqual([
      { count: 2 },
    ]);
    await api.http().delete('/v1/admin/snapshots/now').expect(204);
    expectProblem(await api.http().get('/v1/admin/snapshots/now'), 404, 'snapshot-not-found');
    expectProblem(await api.http().delete('/v1/admin/snapshots/now'), 404, 'snapshot-not-found');
  });
});
