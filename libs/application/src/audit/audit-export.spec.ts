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
    const texts = all.map(({ bytes }) => bytes.toString('utf8'));
    expect(texts.every((text) => text.endsWith('\n'))).toBe(true);
    const lines = texts.flatMap((text) =>
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
    expect(all.map(({ bytes, lines, read }) => [bytes.toString('utf8'), lines, read])).toEqual([
      ['', 0, 2],
      [expect.stringContaining('"type":"DealOpened"'), 1, 2],
    ]);
  });

  it('writes lines far longer than it reserves, in any script, byte for byte', async () => {
    const unicode = new InMemoryEventStore();
    const data = { note: 'Zoë — 東京 🚀 "quoted" \\ \n'.repeat(400), n: 1.5 };
    await unicode.append(`deal-${randomUUID()}`, [{ ...event('DealNoted'), data }], 'no-stream');
    await unicode.append(`deal-${randomUUID()}`, [event('DealOpened')], 'no-stream');
    const [chunk] = await (async () => {
      const all = [];
      for await (const next of auditExport(unicode, { range: {} })) all.push(next);
      return all;
    })();
    const lines = chunk.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).data)).toEqual([data, { n: 1 }]);
  });
});
