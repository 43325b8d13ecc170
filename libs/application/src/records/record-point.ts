import type { RecordedEvent } from '@ledgerline/event-store';
import { InvalidInput } from '@ledgerline/domain';

/**
 * A moment in a record's life: right after one of its revisions, or as it stood at an instant (the store's
 * recordedAt, to the millisecond: an event recorded at that very millisecond counts).
 */
export type RecordPoint = Readonly<{ revision: number }> | Readonly<{ instant: Date }>;

/**
 * How many of a stream's events, oldest first, make the record as of the point. For an instant it is the prefix up to
 * the first event recorded later: a stream is folded in revision order, and the store's clock only stamps each append.
 */
export function eventsUntil(events: readonly RecordedEvent[], point: RecordPoint): number {
  if ('revision' in point) return Math.min(events.length, point.revision + 1);
  const later = events.findIndex((event) => event.recordedAt.getTime() > point.instant.getTime());
  return later === -1 ? events.length : later;
}

/** How a point reads in messages and answers. */
export const describePoint = (point: RecordPoint): string =>
  'revision' in point ? `revision ${point.revision}` : point.instant.toISOString();

/** A date-time with its offset: never a local time, which would depend on the server. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const REVISION = /^\d{1,15}$/;

export const INSTANT_EXAMPLE = '2026-09-30T23:59:59Z';

/** A point as a caller wrote it (a query parameter, a CLI option) that names no moment of a record's history. */
export class InvalidRecordPoint extends InvalidInput {
  readonly code = 'invalid-record-point';
  constructor(field: string, message: string) {
    super(message, { field });
  }
}

/** An instant of the past, as written by a caller. */
export function parsePastInstant(field: string, text: unknown, now: Date): Date {
  const instant = typeof text === 'string' && INSTANT.test(text) ? new Date(text) : undefined;
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    throw new InvalidRecordPoint(field, `${field} must be an ISO 8601 date-time with its offset, e.g. ${INSTANT_EXAMPLE}`);
  }
  if (instant > now) throw new InvalidRecordPoint(field, `${field} must not be in the future: a record's history ends now`);
  return instant;
}

export function parseRevision(field: string, text: unknown): number {
  if (typeof text !== 'string' || !REVISION.test(text))
    throw new InvalidRecordPoint(field, `${field} must be a revision: a whole number from 0`);
  return Number(text);
}

/** A revision (a whole number) or an instant, as written by a caller. */
export const parseRecordPoint = (field: string, text: unknown, now: Date): RecordPoint =>
  typeof text === 'string' && REVISION.test(text) ? { revision: Number(text) } : { instant: parsePastInstant(field, text, now) };

/** `asOf` or `revision`, at most one of them; undefined when neither is given (the current state). */
export function parseAsOfOrRevision(asOf: unknown, revision: unknown, now: Date): RecordPoint | undefined {
  if (asOf !== undefined && revision !== undefined) throw new InvalidRecordPoint('asOf', 'give asOf or revision, not both');
  if (asOf !== undefined) return { instant: parsePastInstant('asOf', asOf, now) };
  return revision === undefined ? undefined : { revision: parseRevision('revision', revision) };
}

/** The ends of a diff, `from` and `to`, each optional, as written by a caller. */
export function parseRecordRange(
  range: Readonly<{ from?: unknown; to?: unknown }>,
  now: Date,
): { from: RecordPoint | undefined; to: RecordPoint | undefined } {
  const point = (field: 'from' | 'to') => (range[field] === undefined ? undefined : parseRecordPoint(field, range[field], now));
  return { from: point('from'), to: point('to') };
}
