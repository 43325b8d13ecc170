import { InvalidInput } from './domain-error';

export class InvalidCalendarDate extends InvalidInput {
  override readonly code = 'invalid-date';
  constructor(
    readonly field: string,
    value: unknown,
  ) {
    super(`${field} must be a calendar date written YYYY-MM-DD, such as 2025-06-30; got ${JSON.stringify(value)}.`, { field });
  }
}

export class InvalidInstant extends InvalidInput {
  override readonly code = 'invalid-instant';
  constructor(
    readonly field: string,
    value: unknown,
  ) {
    super(`${field} must be an ISO 8601 date and time with a time zone, such as 2025-06-30T14:00:00Z; got ${JSON.stringify(value)}.`, {
      field,
    });
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const isCalendarDate = (value: string): boolean => {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** A day in the calendar, without time or zone (an expected close date, a follow-up due date). */
export const calendarDate = (value: string, field: string): string => {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new InvalidCalendarDate(field, value);
  return value;
};

/** A moment in time. Returned in UTC with milliseconds (toISOString), so equal instants are equal strings. */
export const instant = (value: string, field: string): string => {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match || !isCalendarDate(match[1])) throw new InvalidInstant(field, value);
  return new Date(value).toISOString();
};
