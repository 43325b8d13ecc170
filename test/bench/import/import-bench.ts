import { GENESIS_HASH, setupEventStoreSchema } from '@ledgerline/event-store';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { markdownTable } from '../report';
import { createDatabase, type Server } from '../server';
import type { ImportReport } from './import-worker';

export const IMPORT_SCENARIO = 'import';
const CUSTOMERS = 200_000;
const PURCHASES_PER_CUSTOMER = 5;
const ROUNDS = 3;
const ROWS_PER_STATEMENT = 1_000;

const customerLine = (n: number) =>
  JSON.stringify({
    externalRefs: { erp: `B-${n}` },
    kind: n % 3 === 0 ? 'person' : 'company',
    name: `Customer ${n} GmbH`,
    email: `buyer${n}@customer${n}.example`,
    country: ['DE', 'AT', 'CH', 'FR'][n % 4],
    tags: n % 10 === 0 ? ['vip'] : [],
  });
const purchaseLine = (n: number, p: number) =>
  JSON.stringify({
    externalRefs: { erp: `B-${n}` },
    orderId: `SO-${n}-${p}`,
    amount: `${(n % 900) + 100}.${p}0`,
    currency: 'EUR',
    occurredAt: new Date(Date.UTC(2025, 0, 1) + (n * 7 + p) * 3_600_000).toISOString(),
  });

/** Writes the files line by line (never whole in memory), as an ERP export would be. */
async function writeFile(path: string, lines: number, line: (index: number) => string): Promise<void> {
  const out = createWriteStream(path);
  for (let index = 0; index < lines; index++) if (!out.write(`${line(index)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** The rows the import stores: per customer its claim, registration and link; per purchase one event. */
function* eventRows(customers: number): Generator<unknown[]> {
  const metadata = JSON.stringify({
    actor: { type: 'system', id: 'ledgerline', roles: [] },
    correlationId: randomUUID(),
    source: 'import:bench',
  });
  for (let n = 0; n < customers; n++) {
    const customerId = randomUUID();
    const stream = `customer-${customerId}`;
    const registered = {
      customerId,
      kind: 'company',
      name: `Customer ${n} GmbH`,
      email: `buyer${n}@customer${n}.example`,
      country: 'DE',
      industry: null,
      owner: null,
      phone: null,
      tags: [],
      customFields: {},
      lifecycleStage: 'lead',
      registeredAt: new Date().toISOString(),
    };
    yield [
      `extref-${randomUUID()}`,
      0,
      randomUUID(),
      'ExternalReferenceClaimed',
      1,
      JSON.stringify({ system: 'erp', externalId: `B-${n}`, customerId, takenOverFrom: null, claimedAt: new Date().toISOString() }),
      metadata,
    ];
    yield [stream, 0, randomUUID(), 'CustomerRegistered', 1, JSON.stringify(registered), metadata];
    yield [
      stream,
      1,
      randomUUID(),
      'CustomerExternalReferenceLinked',
      1,
      JSON.stringify({ customerId, system: 'erp', externalId: `B-${n}`, previousExternalId: null }),
      metadata,
    ];
    for (let p = 0; p < PURCHASES_PER_CUSTOMER; p++) {
      const purchase = JSON.parse(purchaseLine(n, p)) as Record<string, string>;
      yield [
        stream,
        2 + p,
        randomUUID(),
        'CustomerPurchaseRecorded',
        1,
        JSON.stringify({
          customerId,
          orderId: purchase.orderId,
          amount: purchase.amount,
          currency: 'EUR',
          occurredAt: purchase.occurredAt,
        }),
        metadata,
      ];
    }
  }
}

/** The baseline: the same events into the same (fresh) event table with multi-row INSERTs, one autocommitted statement each. */
async function baseline(url: string, customers: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  await setupEventStoreSchema(pool);
  await pool.end();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const columns = 8;
    const placeholders = (count: number) =>
      Array.from(
        { length: count },
        (_, row) => `(${Array.from({ length: columns }, (_c, column) => `$${row * columns + column + 1}`).join(', ')})`,
      ).join(', ');
    const started = performance.now();
    let batch: unknown[][] = [];
    const flush = async () => {
      await client.query(
        `INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash) VALUES ${placeholders(batch.length)}`,
        batch.flat(),
      );
      batch = [];
    };
    for (const row of eventRows(customers)) {
      // A hash of the same size as the store's, not computed: the floor is the database's work.
      batch.push([...row, GENESIS_HASH]);
      if (batch.length === ROWS_PER_STATEMENT) await flush();
    }
    if (batch.length > 0) await flush();
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

async function importInChild(url: string, files: readonly string[]): Promise<ImportReport> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'import-worker.js'), url, ...files], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ImportReport;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The bulk-import scenario: scale × 200,000 customers and 5 purchases each, as NDJSON files, imported by the real job
 * pipeline in a child process (fresh database per round), against a multi-row INSERT of the same events into the same
 * event table (fresh database too). Three rounds; the table shows the median ratio and the peak RSS of the import.
 */
export async function importScenario(server: Server, scale: number, log: (line: string) => void): Promise<string> {
  const customers = Math.max(1_000, Math.round(CUSTOMERS * scale));
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-import-bench-'));
  const files = [join(dir, 'customers.ndjson'), join(dir, 'purchases.ndjson')];
  try {
    await writeFile(files[0], customers, customerLine);
    await writeFile(files[1], customers * PURCHASES_PER_CUSTOMER, (index) =>
      purchaseLine(Math.floor(index / PURCHASES_PER_CUSTOMER), index % PURCHASES_PER_CUSTOMER),
    );
    log(`import: ${customers} customers, ${customers * PURCHASES_PER_CUSTOMER} purchases; ${ROUNDS} rounds`);
    const rounds: { baselineSeconds: number; report: ImportReport }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const forBaseline = await createDatabase(server.url, 'import_baseline');
      const forImport = await createDatabase(server.url, 'import_ledgerline');
      try {
        const baselineSeconds = await baseline(forBaseline.url, customers);
        const report = await importInChild(forImport.url, files);
        const importSeconds = report.files.reduce((sum, file) => sum + file.seconds, 0);
        log(
          `round ${round}/${ROUNDS}: baseline ${baselineSeconds.toFixed(1)} s, import ${importSeconds.toFixed(1)} s (x${(baselineSeconds / importSeconds).toFixed(2)}), peak RSS ${report.peakRssMb} MB`,
        );
        rounds.push({ baselineSeconds, report });
      } finally {
        await forBaseline.drop();
        await forImport.drop();
      }
    }
    const events = customers * (3 + PURCHASES_PER_CUSTOMER);
    const baselineSeconds = median(rounds.map((round) => round.baselineSeconds));
    const seconds = (kind: string) => median(rounds.map(({ report }) => report.files.find((file) => file.kind === kind)?.seconds ?? NaN));
    const total = median(rounds.map(({ report }) => report.files.reduce((sum, file) => sum + file.seconds, 0)));
    const ratio = median(
      rounds.map(({ baselineSeconds: base, report }) => base / report.files.reduce((sum, file) => sum + file.seconds, 0)),
    );
    return [
      `${customers} customers and ${customers * PURCHASES_PER_CUSTOMER} purchases (${events} events), ${ROUNDS} rounds, medians.`,
      '',
      markdownTable(
        ['what', 'seconds', 'lines/s', 'events/s', 'x baseline', 'peak RSS MB'],
        [
          [
            'baseline: multi-row INSERT of the same events',
            baselineSeconds.toFixed(1),
            '',
            String(Math.round(events / baselineSeconds)),
            '1.00',
            '',
          ],
          [
            'import customers (file stored, parsed, written)',
            seconds('customers').toFixed(1),
            String(Math.round(customers / seconds('customers'))),
            String(Math.round((customers * 3) / seconds('customers'))),
            '',
            '',
          ],
          [
            'import purchases',
            seconds('purchases').toFixed(1),
            String(Math.round((customers * PURCHASES_PER_CUSTOMER) / seconds('purchases'))),
            String(Math.round((customers * PURCHASES_PER_CUSTOMER) / seconds('purchases'))),
            '',
            '',
          ],
          [
            'import, both files',
            total.toFixed(1),
            '',
            String(Math.round(events / total)),
            ratio.toFixed(2),
            String(Math.max(...rounds.map(({ report }) => report.peakRssMb))),
          ],
        ],
        (column) => column > 0,
      ),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
