import { eventProgress, progressLine } from './progress-bar';

describe('progressLine', () => {
  const startedAt = new Date('2026-11-23T10:00:00Z');
  const at = (seconds: number) => startedAt.getTime() + seconds * 1000;

  it('shows done/total, the rate and the time left', () => {
    expect(progressLine('customers', { done: 6000, total: 10000, startedAt }, at(2))).toBe(
      'customers [##################............] 6000/10000 events  3000 ev/s  ETA 2 s',
    );
  });

  it('shows no bar and no ETA when the store cannot count $all', () => {
    expect(progressLine('customers', { done: 500, total: undefined, startedAt }, at(1))).toBe('customers 500 events  500 ev/s');
  });

  it('is full and done for an empty log', () => {
    expect(progressLine('customers', { done: 0, total: 0, startedAt }, at(0))).toBe(
      `customers [${'#'.repeat(30)}] 0/0 events  0 ev/s  ETA ? s`,
    );
  });
});

describe('eventProgress', () => {
  it('draws events done out of the total, and the last state once more at the end', () => {
    const written: string[] = [];
    const terminal = { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const progress = eventProgress(terminal, 'audit verify', 10);
    progress.draw(4);
    progress.end();
    expect(written).toEqual([
      expect.stringMatching(/^audit verify \[#+\.+\] 4\/10 events/),
      expect.stringMatching(/^audit verify .* 4\/10 events/),
    ]);
  });
});
