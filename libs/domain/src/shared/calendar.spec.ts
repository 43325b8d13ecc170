import { calendarDate, instant, InvalidCalendarDate, InvalidInstant } from './calendar';

describe('calendarDate', () => {
  it.each([['2025-06-30'], ['2024-02-29'], ['0001-01-01']])('accepts %s', (value) => expect(calendarDate(value, 'due')).toBe(value));

  it.each([['2025-02-29'], ['2025-04-31'], ['2025-13-01'], ['2025-00-10'], ['2025-6-30'], ['30.06.2025'], ['2025-06-30T00:00:00Z'], ['']])(
    'refuses %j',
    (value) => expect(() => calendarDate(value, 'due')).toThrow(InvalidCalendarDate),
  );

  it('says which field is wrong', () => {
    expect(() => calendarDate('soon', 'expectedCloseDate')).toThrow(
      'expectedCloseDate must be a calendar date written YYYY-MM-DD, such as 2025-06-30; got "soon".',
    );
  });
});

describe('instant', () => {
  it.each([
    ['2025-06-30T14:00:00Z', '2025-06-30T14:00:00.000Z'],
    ['2025-06-30T14:00Z', '2025-06-30T14:00:00.000Z'],
    ['2025-06-30T16:00:00.5+02:00', '2025-06-30T14:00:00.500Z'],
    ['2025-01-01T00:30:00-01:00', '2025-01-01T01:30:00.000Z'],
  ])('writes %s in UTC as %s', (value, canonical) => expect(instant(value, 'at')).toBe(canonical));

  it.each([
    ['2025-06-30'],
    ['2025-06-30T14:00:00'],
    ['2025-02-30T10:00:00Z'],
    ['2025-06-30T24:00:00Z'],
    ['2025-06-30 14:00:00Z'],
    ['yesterday'],
  ])('refuses %j', (value) => expect(() => instant(value, 'at')).toThrow(expect.objectContaining({ code: 'invalid-instant' })));

  it('is an InvalidInstant', () => expect(() => instant('now', 'at')).toThrow(InvalidInstant));
});
