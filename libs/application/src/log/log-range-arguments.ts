import { InvalidInput } from '@ledgerline/domain';
import type { LogBound, LogRange } from '@ledgerline/event-store';

/** A range of the log as a caller wrote it (query parameters, CLI options) that names no range. */
export class InvalidLogRange extends InvalidInput {
  readonly code = 'invalid-log-range';
  constructor(field: string, message: string) {
    super(message, { field });
  }
}

/** An RFC 3339 instant with its time zone (2026-11-23T10:15:00Z, ...+01:00), or a calendar date (midnight UTC). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;
const POSITION = /^\d{1,30}$/;

/** Date accepts 2026-02-30 as March 2nd: the calendar date must exist as written. */
function existingDate(value: string): boolean {
  const [, year, month, day] = (INSTANT.exec(value) ?? []).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `field` names the argument in the message as the caller wrote it: `from` for a query parameter, `--from` for the CLI. */
export function parseLogBound(field: string, value: string): LogBound {
  if (POSITION.test(value)) return { position: BigInt(value) };
  const instant = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!INSTANT.test(value) || !existingDate(value) || Number.isNaN(instant.getTime())) {
    throw new InvalidLogRange(
      field,
      `${field} takes a log position (a whole number, as in the ledgerline-position header) or an instant with a time zone ` +
        `(2026-11-23T10:15:00Z, 2026-11-23T11:15:00+01:00, or a date: 2026-11-23); got "${value}"`,
    );
  }
  return { instant };
}

/** Two ends of one kind can be compared; a position and an instant cannot, and are left to the read. */
function startsAfterEnd(from: LogBound, to: LogBound): boolean {
  if ('position' in from && 'position' in to) return from.position > to.position;
  if ('instant' in from && 'instant' in to) return from.instant.getTime() > to.instant.getTime();
  return false;
}

export type LogRangeArguments = Readonly<{ from?: string; to?: string; after?: string }>;

/** `from` and `to` (bounds, both included) and `after` (a position, exclusive: where a read resumes), each optional. */
export function parseLogRange(args: LogRangeArguments, prefix = ''): LogRange {
  const from = args.from === undefined ? undefined : parseLogBound(`${prefix}from`, args.from);
  const to = args.to === undefined ? undefined : parseLogBound(`${prefix}to`, args.to);
  if (from && to && startsAfterEnd(from, to))
    throw new InvalidLogRange(`${prefix}from`, `${prefix}from ${args.from} is after ${prefix}to ${args.to}`);
  if (args.after !== undefined && !POSITION.test(args.after)) {
    throw new InvalidLogRange(
      `${prefix}after`,
      `${prefix}after takes a log position (the position of the last event received); got "${args.after}"`,
    );
  }
  return { from, to, ...(args.after === undefined ? {} : { after: BigInt(args.after) }) };
}
