import { invalidPeriod, PeriodBound, type PeriodContract } from '../http/period-query';

/** A time series spans at most about ten years of days. */
const MAX_PERIOD_DAYS = 3_660;

const day = (description: string, example: string) =>
  PeriodBound({
    optional: false,
    shape: /^\d{4}-\d{2}-\d{2}$/,
    shapeMessage: '$property must be a date written YYYY-MM-DD',
    dateMessage: '$property must be a real calendar date',
    docs: { format: 'date', example, description },
  });

/** Analytics counts whole UTC days: `from` and `to` are both given, [from, to) as UTC midnights. */
export const ANALYTICS_PERIOD: PeriodContract<{ from: string; to: string }> = {
  from: day('First day of the period (UTC), included', '2026-01-01'),
  to: day('Day after the period (UTC), excluded', '2026-04-01'),
  periodOf: ({ from, to }) => {
    const [start, end] = [new Date(`${from}T00:00:00.000Z`), new Date(`${to}T00:00:00.000Z`)];
    if (end <= start) throw invalidPeriod('to', 'to must be a day after from');
    if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
      throw invalidPeriod('to', `the period must not exceed ${MAX_PERIOD_DAYS} days`);
    }
    return { from: start, to: end };
  },
};
