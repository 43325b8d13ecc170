import { auditExport, SYSTEM_ACTOR } from '@ledgerline/application';
import { auditLog, recordCheckpoint, SigningKey } from '@ledgerline/audit';
import { PostgresEventStore } from '@ledgerline/event-store';
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { Pool } from 'pg';
import { median } from '../measure';
import { markdownTable } from '../report';
import { startApi, waitForCatchUp } from '../read-side/api-process';
import { createDatabase, type Server } from '../server';

export const EXPORT_SCENARIO = 'export';
const EVENTS = 200_000;
const EVENTS_PER_STREAM = 5;
const STREAMS_PER_APPEND = 1_000;
const PAGE_SIZE = 1_000;
const ROUNDS = 3;

/** An event the size of a customer's registration, with the metadata every command stamps. */
const event = (n: number) => ({
  id: randomUUID(),
  // A type no projection handles: the API's projections stay idle while the export is measured.
  type: 'BenchAuditNoted',
  schemaVersion: 1,
  data: { noteId: randomUUID(), name: `Customer ${n} GmbH`, email: `buyer${n}@customer${n}.example`, country: 'DE', tags: ['vip'] },
  metadata: {
    actor: { type: 'user', id: 'bench-user', roles: ['sales'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    source: 'api',
    occurredAt: new Date().toISOString(),
  },
});

async function fill(store: PostgresEventStore, events: number): Promise<void> {
  for (let written = 0; written < events; written += STREAMS_PER_APPEND * EVENTS_PER_STREAM) {
    await store.appendMany(
      Array.from({ length: STREAMS_PER_APPEND }, (_, s) => ({
        streamId: `bench-${randomUUID()}`,
        events: Array.from({ length: EVENTS_PER_STREAM }, (_, e) => event(written + s * EVENTS_PER_STREAM + e)),
        expected: 'no-stream' as const,
      })),
    );
  }
}

/** The baseline: every row of the event table, all columns, in log order, a page of 1,000 at a time by keyset. */
async function sequentialRead(pool: Pool): Promise<number> {
  let [transaction, position, rows] = ['0', '0', 0];
  for (;;) {
    const page = await pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT * FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
       ORDER BY transaction_id, global_position LIMIT ${PAGE_SIZE}`,
      [transaction, position],
    );
    rows += page.rows.length;
    if (page.rows.length < PAGE_SIZE) return rows;
    ({ transaction_id: transaction, global_position: position } = page.rows[page.rows.length - 1]);
  }
}

/** What the CLI does: the export's NDJSON chunks, written nowhere; returns the lines. */
async function exportInProcess(store: PostgresEventStore): Promise<number> {
  let lines = 0;
  for await (const chunk of auditExport(store, { range: {} })) lines += chunk.lines;
  return lines;
}

/** What `audit verify` does: every chain, and the checkpoint, checked; returns the events read. */
async function verifyInProcess(store: PostgresEventStore, key: SigningKey): Promise<number> {
  const { report } = await auditLog(store, { key });
  if (!report.ok || report.checkpoints !== 1) throw new Error(`verification failed: ${JSON.stringify(report.breaks[0])}`);
  return report.events;
}

const seconds = async (run: () => Promise<number>, expected: number): Promise<number> => {
  const started = performance.now();
  const count = await run();
  if (count !== expected) throw new Error(`read ${count} events, expected ${expected}`);
  return (performance.now() - started) / 1000;
};

/**
 * The whole log exported (in process, as the CLI does, and over HTTP from the API process) and verified, against a
 * plain sequential read of the event table in the same round: x baseline = baseline seconds / its seconds.
 */
export async function exportScenario(server: Server, scale: number, log: (message: string) => void): Promise<string> {
  const database = await createDatabase(server.url, 'export');
  const store = await PostgresEventStore.open(database.url);
  const pool = new Pool({ connectionString: database.url, max: 2 });
  const events = Math.round(EVENTS * scale);
  const api = await startApi(database.url);
  try {
    await fill(store, events);
    // As curl would read it: node:http, the body's bytes as they come, its lines counted.
    const overHttp = () =>
      new Promise<number>((done, fail) => {
        const request = get(`${api.url}/v1/audit/export`, { headers: { authorization: api.authorization } }, (response) => {
          let lines = 0;
          response.on('data', (chunk: Buffer) => {
            for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
          });
          response.on('end', () => done(lines));
          response.on('error', fail);
        });
        request.on('error', fail);
      });
    const key = new SigningKey('bench-signing-key-of-32-bytes-at-least');
    const runs = [
      { what: 'baseline: sequential read of the event table', run: () => sequentialRead(pool) },
      { what: 'export in process (CLI)', run: () => exportInProcess(store) },
      { what: 'GET /v1/audit/export (HTTP, streamed)', run: overHttp },
      { what: 'audit verify in process (chains and a checkpoint)', run: () => verifyInProcess(store, key) },
    ];
    // One checkpoint in the log, so that verification checks a signature and a Merkle root of every head too.
    await recordCheckpoint(store, key, { actor: SYSTEM_ACTOR, source: 'bench' });
    // The API's projections read the new events through before anything is measured.
    await waitForCatchUp(api, log);
    const total = await sequentialRead(pool);
    const rounds: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const times: number[] = [];
      for (const { run } of runs) times.push(await seconds(run, total));
      rounds.push(times);
      log(
        `round ${round + 1}/${ROUNDS} export: ${runs.map(({ what }, n) => `${what} ${times[n].toFixed(2)} s x${(times[0] / times[n]).toFixed(2)}`).join(', ')}`,
      );
    }
    const rows = runs.map(({ what }, n) => {
      const time = median(rounds.map((times) => times[n]));
      return [what, time.toFixed(2), Math.round(total / time).toString(), median(rounds.map((times) => times[0] / times[n])).toFixed(2)];
    });
    return [
      `${total} events (about ${Math.round(JSON.stringify(event(0)).length / 10) * 10} bytes of JSON each), ${ROUNDS} rounds, medians.`,
      '',
      markdownTable(['read', 'seconds', 'events/s', 'x baseline'], rows, (column) => column > 0),
    ].join('\n');
  } finally {
    await api.stop();
    await pool.end();
    await store.close();
    await database.drop();
  }
}
