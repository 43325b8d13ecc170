import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { readWholeLog } from '@ledgerline/event-store/testing/whole-log';
import { createTestDatabase } from '@ledgerline/testing';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { cliContext } from '../testing/cli-context';
import { terminal } from '../testing/terminal';
import { exportAuditLog } from './audit.command';

/** A sink that takes a chunk at a time and asks the writer to wait, as a slow disk or pipe would. */
const slowOutput = () => {
  const text: string[] = [];
  const output = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      text.push(chunk.toString());
      setImmediate(callback);
    },
  });
  return {
    output,
    lines: () =>
      text
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line)),
  };
};

const event = (type: string) => ({ id: randomUUID(), type, schemaVersion: 1, data: {}, metadata: { correlationId: 'audit-cli' } });

describe('cli audit export', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  let stored: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await cliContext(database.url);
    const store = app.get<EventStore>(EVENT_STORE);
    // More than a page (1,000 events) of deals and customers, so that the export goes through several.
    await store.appendMany(
      Array.from({ length: 1_500 }, (_, n) => ({
        streamId: `${n % 3 ? 'deal' : 'customer'}-${randomUUID()}`,
        events: [event(n % 3 ? 'DealOpened' : 'CustomerRegistered')],
        expected: 'no-stream' as const,
      })),
    );
    stored = (await readWholeLog(store)).length;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('writes every event of the log as a JSON line, waiting for a slow output, with progress and where to resume', async () => {
    const { output, lines } = slowOutput();
    const progress = terminal();
    const summary = await exportAuditLog(app, {}, output, progress.stream);
    expect(summary).toMatchObject({ lines: stored, read: stored, complete: true });
    expect(lines()).toHaveLength(stored);
    expect(String(summary.last)).toBe(lines()[stored - 1].position);
    expect(progress.lines.at(-1)).toMatch(new RegExp(`^audit export \\[#{30}\\] ${stored}/${stored} events {2}\\d+ ev/s {2}ETA 0 s$`));
  });

  it('resumes after a position and keeps to one kind', async () => {
    const all = slowOutput();
    await exportAuditLog(app, {}, all.output, terminal().stream);
    const after = all.lines()[999].position;
    const rest = slowOutput();
    expect(await exportAuditLog(app, { after, kind: 'deal' }, rest.output, terminal().stream)).toMatchObject({ read: stored - 1_000 });
    const deals = all
      .lines()
      .slice(1_000)
      .filter((line) => line.stream.startsWith('deal-'));
    expect(rest.lines().map((line) => line.eventId)).toEqual(deals.map((line) => line.eventId));
  });

  it('stops after the page in hand when asked to, saying so', async () => {
    const stopping = new AbortController();
    stopping.abort();
    const { output, lines } = slowOutput();
    expect(await exportAuditLog(app, {}, output, terminal().stream, stopping.signal)).toMatchObject({ read: 1_000, complete: false });
    expect(lines()).toHaveLength(1_000);
  });

  it('refuses an unknown kind and a malformed range, naming the option', async () => {
    const run = (options: Parameters<typeof exportAuditLog>[1]) => exportAuditLog(app, options, slowOutput().output, terminal().stream);
    await expect(run({ kind: 'invoice' })).rejects.toThrow(/^--kind must be one of customer, /);
    await expect(run({ from: 'last week' })).rejects.toThrow(/^--from takes a log position/);
    await expect(run({ after: '2026-11-01' })).rejects.toThrow(/^--after takes a log position/);
  });
});
