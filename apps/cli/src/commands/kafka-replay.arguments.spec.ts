import { InvalidLogRange } from '@ledgerline/application';
import { InvalidReplayArguments, parseReplayArguments } from './kafka-replay.arguments';

describe('kafka replay arguments', () => {
  const parse = (from: string, to?: string, topic = 'crm.customer.v1') => parseReplayArguments({ from, to, topic });

  it('takes positions and instants with a time zone, a date meaning its midnight UTC', () => {
    expect(parse('120', '9000')).toEqual({ topic: 'crm.customer.v1', range: { from: { position: 120n }, to: { position: 9000n } } });
    expect(parse('2026-11-23T11:15:00+01:00', '2026-11-24').range).toEqual({
      from: { instant: new Date('2026-11-23T10:15:00Z') },
      to: { instant: new Date('2026-11-24T00:00:00Z') },
    });
    expect(parse('0').range).toEqual({ from: { position: 0n }, to: undefined });
  });

  it('lets a position and an instant bound one range', () => {
    expect(parse('2026-11-23T10:00:00Z', '50000').range).toEqual({
      from: { instant: new Date('2026-11-23T10:00:00Z') },
      to: { position: 50000n },
    });
  });

  it.each([
    [
      'an unknown topic',
      () => parse('0', undefined, 'crm.nothing.v1'),
      /--topic: "crm.nothing.v1" is no topic of the log; one of crm.customer.v1/,
      InvalidReplayArguments,
    ],
    [
      'the segment topic, which is not fed by the log',
      () => parse('0', undefined, 'crm.segment.v1'),
      /is no topic of the log/,
      InvalidReplayArguments,
    ],
    ['from after to (positions)', () => parse('500', '499'), /--from 500 is after --to 499/, InvalidLogRange],
    ['from after to (instants)', () => parse('2026-11-24T00:00:00Z', '2026-11-23T00:00:00Z'), /is after --to/, InvalidLogRange],
    [
      'an instant without a time zone',
      () => parse('2026-11-23T10:00:00'),
      /--from takes a log position .* got "2026-11-23T10:00:00"/,
      InvalidLogRange,
    ],
    ['an impossible date', () => parse('0', '2026-02-30T10:00:00Z'), /--to takes a log position/, InvalidLogRange],
    ['a negative or fractional position', () => parse('-5'), /--from takes/, InvalidLogRange],
    ['a word', () => parse('yesterday'), /got "yesterday"/, InvalidLogRange],
  ])('refuses %s with a message that names the argument', (_, run, message, error) => {
    expect(run).toThrow(error);
    expect(run).toThrow(message);
  });
});
