import { CustomerBatchWriter, DeciderRunner, EventCodec, ExternalReferenceIndex, streamIds, type Actor } from '@ledgerline/application';
import { PostgresEventStore } from '@ledgerline/event-store';
import { createTestDatabase } from '@ledgerline/testing';
import { Pool } from 'pg';
import { UnknownImportFields } from './column-mapping';
import { ImportBatch } from './import-batch';
import { receiveImport, UnreadableImportFile, type ImportRequest } from './import-intake';
import { ImportJobRunner } from './import-job-runner';
import { ImportJobStore, MAX_FAILED_ATTEMPTS, type ImportJob } from './import-job.store';

/** Customers and purchases only: they need no command bus. */
const noCommands = async (): Promise<never> => {
  throw new Error('no command bus here');
};

const ACTOR: Actor = { type: 'api-key', id: 'erp-sync', roles: ['integration'] };

/** The file as a stream cut in small pieces, as a network upload arrives. */
async function* upload(text: string, pieceBytes = 7): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += pieceBytes) yield bytes.subarray(at, at + pieceBytes);
}

const ndjson = (...lines: (object | string)[]) =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

describe('import jobs (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let store: PostgresEventStore;
  let index: ExternalReferenceIndex;
  let jobs: ImportJobStore;
  let batch: ImportBatch;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    store = await PostgresEventStore.open(pool);
    const codec = new EventCodec();
    const runner = new DeciderRunner(store, codec, 5);
    index = new ExternalReferenceIndex(runner);
    batch = new ImportBatch(new CustomerBatchWriter(store, codec, runner, index), index, noCommands);
    jobs = new ImportJobStore(pool);
    await jobs.setup();
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  const request = (overrides: Partial<ImportRequest> = {}): ImportRequest => ({
    kind: 'customers',
    format: 'ndjson',
    actor: ACTOR,
    ...overrides,
  });
  const runToEnd = async (job: ImportJob, batchLines = 1_000) => {
    const runner = new ImportJobRunner(jobs, batch, 'test-runner', batchLines);
    const leased = await jobs.lease(runner.owner, job.id);
    if (!leased) throw new Error(`job ${job.id} could not be leased`);
    return runner.run(leased);
  };
  const errorsOf = async (id: string) => {
    const errors = [];
    for await (const error of jobs.errors(id)) errors.push(error);
    return errors;
  };
  const chunksOf = async (id: string) =>
    Number((await pool.query(`SELECT count(*) FROM import_chunks WHERE job_id = $1`, [id])).rows[0].count);

  const customersFile = ndjson(
    { externalRefs: { erp: 'I-1' }, kind: 'company', name: 'Acme Tools GmbH', country: 'DE', tags: ['vip'] },
    { externalRefs: { erp: 'I-2', billing: 'cus_2' }, kind: 'person', name: 'Jana Novak', email: 'jana@example.com' },
    '{"externalRefs": {"erp": "I-3"}, "kind": ',
    { externalRefs: { erp: 'I-4' }, kind: 'company', name: 'Typo GmbH', contry: 'DE' },
    { externalRefs: { erp: 'I-5' }, kind: 'company', name: 'Bad Mail AG', email: 'not-an-email' },
    '',
    { externalRefs: { erp: 'I-6' }, kind: 'company', name: 'Globex SA', customFields: { seats: 40 } },
  );

  it('registers the customers of a file, reports each bad line with its number and code, and keeps no copy of the file', async () => {
    const job = await receiveImport(jobs, request(), upload(customersFile));
    expect(job).toMatchObject({ status: 'queued', bytes: Buffer.byteLength(customersFile) });

    const ended = await runToEnd(job);

    expect(ended).toMatchObject({ status: 'completed', linesRead: 6, applied: 3, unchanged: 0, rejected: 3 });
    expect(await errorsOf(job.id)).toEqual([
      { line: 3, code: 'unreadable-line', detail: 'The line is not valid JSON.' },
      { line: 4, code: 'schema-violation', detail: expect.stringContaining('must NOT have additional properties') },
      { line: 5, code: 'invalid-email', detail: expect.stringContaining('email') },
    ]);
    const jana = await index.holderOf('billing', 'cus_2');
    expect(jana).toBeDefined();
    expect((await index.holderOf('erp', 'I-2'))?.customerId).toBe(jana?.customerId);
    expect(await index.holderOf('erp', 'I-5')).toBeUndefined();
    expect(await chunksOf(job.id)).toBe(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await store.countAll();

    const ended = await runToEnd(await receiveImport(jobs, request(), upload(customersFile)));

    expect(ended).toMatchObject({ status: 'completed', applied: 0, unchanged: 3, rejected: 3 });
    expect(await store.countAll()).toBe(before);
  });

  it('reads CSV through a column mapping: tags in one cell, external ids and custom fields by path', async () => {
    const csv = [
      'Art,Firma,ERP-Nr,Land,Schlagworte,Plätze,Egal',
      'company,Initech GmbH,C-1,DE,vip| enterprise,25,x',
      'company,"Hooli, Inc.",C-2,US,,,y',
    ];
    const mapping = {
      Art: 'kind',
      Firma: 'name',
      'ERP-Nr': 'externalRefs.erp',
      Land: 'country',
      Schlagworte: 'tags',
      Plätze: 'customFields.seats',
    };

    const ended = await runToEnd(await receiveImport(jobs, request({ format: 'csv', mapping }), upload(csv.join('\r\n'))));

    expect(ended).toMatchObject({ status: 'completed', applied: 2, rejected: 0 });
    const initech = await index.holderOf('erp', 'C-1');
    const events = await store.readStream(streamIds.customer(initech?.customerId ?? ''));
    expect(events[0].data).toMatchObject({
      name: 'Initech GmbH',
      country: 'DE',
      tags: ['vip', 'enterprise'],
      customFields: { seats: '25' },
    });
    expect(await index.holderOf('erp', 'C-2')).toBeDefined();
  });

  it('records purchases for customers found by their external ids, and refuses those of unknown customers', async () => {
    const purchases = ndjson(
      { externalRefs: { erp: 'I-1' }, orderId: 'SO-1', amount: '120.00', currency: 'EUR', occurredAt: '2026-10-01T10:00:00Z' },
      { externalRefs: { erp: 'I-1' }, orderId: 'SO-2', amount: '80.50', currency: 'EUR', occurredAt: '2026-10-02T10:00:00Z' },
      { externalRefs: { erp: 'nobody' }, orderId: 'SO-3', amount: '1.00', currency: 'EUR', occurredAt: '2026-10-03T10:00:00Z' },
    );

    const ended = await runToEnd(await receiveImport(jobs, request({ kind: 'purchases' }), upload(purchases)));

    expect(ended).toMatchObject({ status: 'completed', applied: 2, rejected: 1 });
    expect((await errorsOf(ended.id)).map(({ line, code }) => ({ line, code }))).toEqual([{ line: 3, code: 'customer-not-found' }]);
    const acme = await index.holderOf('erp', 'I-1');
    const recorded = (await store.readStream(streamIds.customer(acme?.customerId ?? ''))).filter(
      (event) => event.type === 'CustomerPurchaseRecorded',
    );
    expect(recorded.map((event) => event.data.orderId)).toEqual(['SO-1', 'SO-2']);
  });

  it('resumes a job stopped mid-file from its checkpoint, applying every line once', async () => {
    const lines = Array.from({ length: 25 }, (_, n) => ({ externalRefs: { erp: `R-${n}` }, kind: 'company', name: `Resumed ${n}` }));
    const job = await receiveImport(jobs, request(), upload(ndjson(...lines), 64));
    const stopping = new AbortController();
    const first = new ImportJobRunner(jobs, batch, 'first-runner', 10);
    const leased = await jobs.lease(first.owner, job.id);

    const stopped = await first.run(leased as ImportJob, { stopping: stopping.signal, onProgress: () => stopping.abort() });
    expect(stopped).toMatchObject({ status: 'running', checkpointLine: 10, applied: 10 });

    const ended = await runToEnd(stopped, 10);
    expect(ended).toMatchObject({ status: 'completed', linesRead: 25, applied: 25, rejected: 0 });
    const holders = await index.holdersOf(lines.map((_, n) => ({ system: 'erp', externalId: `R-${n}` })));
    expect(holders.every((holder) => holder?.revision === 1)).toBe(true);
  });

  it('ends a job that keeps failing as failed, with the reason, after a bounded number of runs', async () => {
    const job = await receiveImport(jobs, request(), upload(customersFile));
    await jobs.lease('unlucky', job.id);

    for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) await jobs.failedAttempt(job.id, 'unlucky', 'DatabaseError (57P01)');
    expect(await jobs.get(job.id)).toMatchObject({ status: 'running', failure: 'DatabaseError (57P01)' });
    await jobs.failedAttempt(job.id, 'unlucky', 'DatabaseError (57P01)');

    expect(await jobs.get(job.id)).toMatchObject({ status: 'failed', failure: 'DatabaseError (57P01)', finishedAt: expect.any(Date) });
    expect(await chunksOf(job.id)).toBe(0);
  });

  it('cancels a queued job at once, deleting its file', async () => {
    const job = await receiveImport(jobs, request(), upload(customersFile));

    expect(await jobs.cancel(job.id)).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(await chunksOf(job.id)).toBe(0);
    expect(await jobs.lease('anyone', job.id)).toBeUndefined();
  });

  it('refuses up front, storing nothing, a file that is not NDJSON or a header or mapping naming unknown fields', async () => {
    const count = async () => Number((await pool.query(`SELECT count(*) FROM import_jobs`)).rows[0].count);
    const before = await count();

    await expect(receiveImport(jobs, request(), upload('name,kind\nAcme,company\n'))).rejects.toBeInstanceOf(UnreadableImportFile);
    await expect(receiveImport(jobs, request({ format: 'csv' }), upload('name,kind,colour\nAcme,company,red\n'))).rejects.toThrow(
      new UnknownImportFields(['colour']),
    );
    await expect(
      receiveImport(jobs, request({ format: 'csv', mapping: { Name: 'fullName' } }), upload('Name\nAcme\n')),
    ).rejects.toBeInstanceOf(UnknownImportFields);
    await expect(receiveImport(jobs, request(), upload(''))).rejects.toBeInstanceOf(UnreadableImportFile);
    expect(await count()).toBe(before);
  });
});
