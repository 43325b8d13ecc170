import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { readLogRange, type LogRange } from './log-range';

const event = () => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: {} });
const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 10, n));

describe('readLogRange: a range of the log, a page at a time', () => {
  const store = new InMemoryEventStore();

  beforeAll(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    // Ten events at positions 1..10, recorded a minute apart.
    for (let n = 1; n <= 10; n++) {
      jest.setSystemTime(minute(n));
      await store.append(`note-${n % 3}`, [event()], 'any');
    }
    jest.useRealTimers();
  });

  const read = async (range: LogRange, pageSize = 3) => {
    const pages = [];
    for await (const page of readLogRange(store, range, pageSize)) pages.push(page);
    return pages;
  };
  const positions = async (range: LogRange) => (await read(range)).flatMap((page) => page.events.map((e) => Number(e.position)));

  it('reads the whole log in pages of the size asked for, each with its count and last position', async () => {
    const pages = await read({});
    expect(pages.map((page) => [page.read, Number(page.last)])).toEqual([
      [3, 3],
      [3, 6],
      [3, 9],
      [1, 10],
    ]);
    expect(pages.flatMap((page) => page.events.map((e) => Number(e.position)))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('starts and stops at positions, both included, and reads nothing past a position end', async () => {
    expect(await positions({ from: { position: 4n }, to: { position: 7n } })).toEqual([4, 5, 6, 7]);
    expect((await read({ from: { position: 4n }, to: { position: 7n } })).reduce((sum, page) => sum + page.read, 0)).toBe(4);
  });

  it('resumes after a position, also inside a range that starts earlier', async () => {
    expect(await positions({ after: 8n })).toEqual([9, 10]);
    expect(await positions({ from: { position: 2n }, after: 5n, to: { position: 7n } })).toEqual([6, 7]);
    expect(await positions({ from: { position: 6n }, after: 2n })).toEqual([6, 7, 8, 9, 10]);
  });

  it('matches instants against when each event was recorded, both ends included', async () => {
    expect(await positions({ from: { instant: minute(3) }, to: { instant: minute(5) } })).toEqual([3, 4, 5]);
    expect(await positions({ to: { instant: minute(2) } })).toEqual([1, 2]);
  });

  it('yields nothing past the head', async () => {
    expect(await read({ after: 10n })).toEqual([]);
  });
});
