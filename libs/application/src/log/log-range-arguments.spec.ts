import { InvalidLogRange, parseLogRange } from './log-range-arguments';

describe('parseLogRange: a range of the log as query parameters or CLI options give it', () => {
  it('takes each end as a position or an instant, and where a read resumes as a position', () => {
    expect(parseLogRange({ from: '2026-11-01', to: '900', after: '512' })).toEqual({
      from: { instant: new Date('2026-11-01T00:00:00Z') },
      to: { position: 900n },
      after: 512n,
    });
    expect(parseLogRange({})).toEqual({ from: undefined, to: undefined });
  });

  it.each([
    [{ after: '2026-11-01' }, 'after takes a log position (the position of the last event received); got "2026-11-01"'],
    [{ from: 'last week' }, 'from takes a log position'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'from 2026-11-02 is after to 2026-11-01'],
  ])('refuses %j, naming the parameter', (args, message) => {
    expect(() => parseLogRange(args)).toThrow(InvalidLogRange);
    expect(() => parseLogRange(args)).toThrow(message);
  });

  it('names the argument as the CLI spells it', () => {
    expect(() => parseLogRange({ after: 'x' }, '--')).toThrow(/^--after takes a log position/);
  });
});
