import { InMemoryEventStore } from '@ledgerline/event-store';
import { randomUUID } from 'node:crypto';
import { historyEntryOf } from '../record-history';
import { auditExport } from './audit-export';

const event = (type: string) => ({ id: randomUUID(), type, schemaVersion: 1, data: { n: 1 }, metadata: { correlationId: 'c-1' } });

describe('auditExport: the log as NDJSON chunks, a page at a time', () => {
  const store = new InMemoryEventStore();
  const deal = `deal-${randomUUID()}`;

  beforeAll(async () => {
    await store.append(`customer-${randomUUID()}`, [event('CustomerRegistered'), event('CustomerTagsAdded')], 'no-stream');
    await store.append('extref-erp-K-1', [event('ExternalReferenceClaimed')], 'no-stream');
    await store.append(deal, [event('DealOpened')], 'no-stream');
  });

  const chunks = async (kind?: 'deal') => {
    const all = [];
    for await (const chunk of auditExport(store, { range: {}, kind }, 2)) all.push(chunk);
    return all;
  };

  it('writes one line per event with its stream and everything the store keeps, each chunk ending its last line', async () => {
    const all = await chunks();
    expect(all.map(({ lines, read, last }) => [lines, read, Number(last)])).toEqual([
      [2, 2, 2],
      [2, 2, 4],
    ]);
    expect(all.every(({ text }) => text.endsWith('\n'))).toBe(true);
    const lines = all.flatMap(({ text }) =>
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    );
    expect(lines.map((line) => line.type)).toEqual(['CustomerRegistered', 'CustomerTagsAdded', 'ExternalReferenceClaimed', 'DealOpened']);
    // Each line is exactly the event's history entry with its stream, whatever the text was put together from.
    expect(lines).toEqual((await store.readAll({ limit: 10 })).map((stored) => ({ stream: stored.streamId, ...historyEntryOf(stored) })));
    expect(lines[3]).toMatchObject({
      stream: deal,
      revision: 0,
      position: '4',
      schemaVersion: 1,
      data: { n: 1 },
      metadata: { correlationId: 'c-1' },
    });
  });

  it("keeps to one record kind's streams, still moving through pages that hold none of them", async () => {
    const all = await chunks('deal');
    expect(all.map(({ text, lines, read }) => [text, lines, read])).toEqual([
      ['', 0, 2],
      [expect.stringContaining('"type":"DealOpened"'), 1, 2],
    ]);
  });
});
