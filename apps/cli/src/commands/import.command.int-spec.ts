import type { INestApplicationContext } from '@nestjs/common';
import { cliContext } from '../testing/cli-context';
import { terminal } from '../testing/terminal';
import { ExternalReferenceIndex, streamIds } from '@ledgerline/application';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { dealIdForRef } from '@ledgerline/integration';
import { createTestDatabase } from '@ledgerline/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, importFormatOfFile, importProgressLine, printImportErrors } from './import.command';

describe('cli import', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  const directory = mkdtempSync(join(tmpdir(), 'ledgerline-import-'));

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await cliContext(database.url);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('imports a CSV file with a mapping file, drawing progress with rate and ETA, and lists the rejected lines', async () => {
    const rows = Array.from({ length: 2_500 }, (_, n) => `company,Customer ${n},K-${n}`);
    const file = join(directory, 'customers.csv');
    writeFileSync(file, ['Art,Firma,Kundennummer', ...rows, 'company,,K-broken'].join('\n'));
    const mapping = join(directory, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ Art: 'kind', Firma: 'name', Kundennummer: 'externalRefs.erp' }));
    const { stream, lines } = terminal();

    const view = await importFile(app, file, { kind: 'customers', mapping }, stream);

    expect(view).toMatchObject({ status: 'completed', linesRead: 2_501, applied: 2_500, rejected: 1 });
    expect(lines.filter((line) => line.startsWith('customers [')).length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toMatch(
      /^customers \[#{30}\] 100% 2501 lines {2}\d+ lines\/s {2}ETA \d+ s {2}\(2500 applied, 0 unchanged, 1 rejected\)$/,
    );
    expect((await app.get(ExternalReferenceIndex).holderOf('erp', 'K-2499'))?.revision).toBe(1);
    const errors: string[] = [];
    await printImportErrors(app, view.id, (line) => errors.push(line));
    expect(errors.map((line) => JSON.parse(line))).toEqual([
      { line: 2_502, code: 'schema-violation', detail: expect.stringContaining("'name'") },
    ]);
  });

  it('imports deals exported from another CRM as CSV, won and lost ones closed too, and a second run changes nothing', async () => {
    const customers = join(directory, 'accounts.csv');
    writeFileSync(customers, ['kind,name,externalRefs.salesforce', 'company,Umbrella Corp,001-U'].join('\n'));
    expect(await importFile(app, customers, { kind: 'customers' }, terminal().stream)).toMatchObject({ applied: 1 });
    const deals = join(directory, 'opportunities.csv');
    writeFileSync(
      deals,
      [
        'Opportunity Id,Account Id,Name,Amount,Currency,Stage,Close Date,Status,Loss Reason',
        '006-1,001-U,Pilot,1200.00,EUR,proposal,2027-01-31,,',
        '006-2,001-U,Renewal,800.00,EUR,negotiation,2026-11-30,won,',
        '006-3,001-U,Upsell,300.00,EUR,qualified,2026-10-15,lost,Chose a competitor',
        '006-4,001-U,Negative,-5,EUR,,,,',
      ].join('\n'),
    );
    const mapping = JSON.stringify({
      'Opportunity Id': 'dealRef.salesforce',
      'Account Id': 'externalRefs.salesforce',
      Name: 'title',
      Amount: 'amount',
      Currency: 'currency',
      Stage: 'stageId',
      'Close Date': 'expectedCloseDate',
      Status: 'status',
      'Loss Reason': 'lostReason',
    });
    const store = app.get<EventStore>(EVENT_STORE);

    const first = await importFile(app, deals, { kind: 'deals', mapping }, terminal().stream);
    const before = await store.countAll();
    const again = await importFile(app, deals, { kind: 'deals', mapping }, terminal().stream);

    expect(first).toMatchObject({ status: 'completed', linesRead: 4, applied: 3, rejected: 1 });
    expect(again).toMatchObject({ status: 'completed', applied: 0, unchanged: 3, rejected: 1 });
    expect(await store.countAll()).toBe(before);
    const lost = await store.readStream(streamIds.deal(dealIdForRef('salesforce', '006-3')));
    expect(lost.map(({ type }) => type)).toEqual(['DealOpened', 'DealLost']);
    const errors: string[] = [];
    await printImportErrors(app, first.id, (line) => errors.push(line));
    expect(errors.map((line) => JSON.parse(line).line)).toEqual([5]);
  });

  it('tells the format from the file name, or asks for it', () => {
    expect(importFormatOfFile('export.JSONL', undefined)).toBe('ndjson');
    expect(importFormatOfFile('export.txt', 'csv')).toBe('csv');
    expect(() => importFormatOfFile('export.txt', undefined)).toThrow(/--format/);
  });

  it('shows an unstarted job without a rate or an ETA', () =>
    expect(
      importProgressLine({
        kind: 'purchases',
        bytes: 100,
        bytesRead: 0,
        linesRead: 0,
        linesPerSecond: null,
        etaSeconds: null,
        applied: 0,
        unchanged: 0,
        rejected: 0,
      } as Parameters<typeof importProgressLine>[0]),
    ).toBe(`purchases [${'.'.repeat(30)}] 0% 0 lines  0 lines/s  ETA ? s  (0 applied, 0 unchanged, 0 rejected)`));
});
