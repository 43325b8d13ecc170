import { invalidPeriod, PeriodBound, type PeriodContract } from '../http/period-query';

const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_DAYS = 90;
/** About three years (with a leap day): longer periods are analytics work, not a pipeline read. */
const MAX_PERIOD_DAYS = 1096;

const MESSAGE = '$property must be an ISO 8601 date (2026-01-01) or date-time with offset (2026-01-01T08:00:00Z)';

/** A calendar date (midnight UTC) or a date-time with its offset; never a local time, which would depend on the server. */
const instant = (description: string) =>
  PeriodBound({
    optional: true,
    shape: /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    shapeMessage: MESSAGE,
    dateMessage: MESSAGE,
    docs: { example: '2026-01-01', description },
  });

/** A bound that passed validation; still checked, so that a date JavaScript cannot hold is a 400, not a 500. */
function bound(field: 'from' | 'to', value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidPeriod(field, `${field} must be a real date`);
  return date;
}

/** The pipeline reads take instants, both optional: by default the 90 days up to now. */
export const PIPELINE_PERIOD: PeriodContract<{ from?: string; to?: string }> = {
  from: instant(`Start of the period, inclusive; default: ${DEFAULT_PERIOD_DAYS} days before \`to\``),
  to: instant('End of the period, exclusive; default: now'),
  periodOf: ({ from, to }) => {
    const end = to === undefined ? new Date() : bound('to', to);
    const start = from === undefined ? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS) : bound('from', from);
    if (start >= end) throw invalidPeriod('to', `to${to === undefined ? ' (default: now)' : ''} must be later than from`);
    if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
      throw invalidPeriod('from', `the period must not be longer than ${MAX_PERIOD_DAYS} days (about three years)`);
    }
    return { from: start, to: end };
  },
};
