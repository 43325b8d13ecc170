import type { LogBound } from '@ledgerline/event-store';
import { PUBLIC_TOPICS, type ReplayRange } from '@ledgerline/integration';

/** A replay's arguments that cannot be carried out, said in the terms of the command line. */
export class InvalidReplayArguments extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReplayArguments';
  }
}

export type ReplayRequest = Readonly<{ topic: string; range: ReplayRange }>;

/** An RFC 3339 instant with its time zone (2026-11-23T10:15:00Z, ...+01:00), or a calendar date (midnight UTC). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

/** Date accepts 2026-02-30 as March 2nd: the calendar date must exist as written. */
function existingDate(value: string): boolean {
  const [, year, month, day] = (INSTANT.exec(value) ?? []).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function bound(flag: string, value: string): LogBound {
  if (/^\d+$/.test(value)) return { position: BigInt(value) };
  const instant = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!INSTANT.test(value) || !existingDate(value) || Number.isNaN(instant.getTime())) {
    throw new InvalidReplayArguments(
      `${flag} takes a log position (a whole number, as in the ledgerline-position header) or an instant with a time zone ` +
        `(2026-11-23T10:15:00Z, 2026-11-23T11:15:00+01:00, or a date: 2026-11-23); got "${value}"`,
    );
  }
  return { instant };
}

/** Two ends of one kind can be compared; a position and an instant cannot, and are left to the replay. */
function startsAfterEnd(from: LogBound, to: LogBound): boolean {
  if ('position' in from && 'position' in to) return from.position > to.position;
  if ('instant' in from && 'instant' in to) return from.instant.getTime() > to.instant.getTime();
  return false;
}

export function parseReplayArguments(options: Readonly<{ from: string; to?: string; topic: string }>): ReplayRequest {
  if (!PUBLIC_TOPICS.includes(options.topic)) {
    throw new InvalidReplayArguments(`--topic: "${options.topic}" is no topic of the log; one of ${PUBLIC_TOPICS.join(', ')}`);
  }
  const from = bound('--from', options.from);
  const to = options.to === undefined ? undefined : bound('--to', options.to);
  if (to && startsAfterEnd(from, to)) throw new InvalidReplayArguments(`--from ${options.from} is after --to ${options.to}`);
  return { topic: options.topic, range: { from, to } };
}
