import type { GlobalPosition, ReadAllOptions, RecordedEvent } from './event-store.port';

/** One end of a range of the log: a position (as in the `ledgerline-position` header) or when events were recorded. */
export type LogBound = Readonly<{ position: GlobalPosition }> | Readonly<{ instant: Date }>;

/**
 * Both ends included; without `from` the range starts at the beginning of the log, without `to` it runs to the head
 * as it stands when the read gets there. `after` (exclusive) is where a read that stopped resumes: the position of the
 * last event it got.
 */
export type LogRange = Readonly<{ from?: LogBound; to?: LogBound; after?: GlobalPosition }>;

/** One page of the log: the events of it in the range, how many were read, and the position the next page starts after. */
export type LogPage<E extends LogEntry = RecordedEvent> = Readonly<{ events: E[]; read: number; last: GlobalPosition }>;

/** What a range reads: events, or what else a store hands out per event of $all (chain links). */
export type LogEntry = Pick<RecordedEvent, 'position' | 'recordedAt'>;

/** A page of $all after a position: readAll, or another reader of the same order. */
export type LogPageReader<E extends LogEntry> = Readonly<{ readAll: (options: ReadAllOptions) => Promise<E[]> }>;

const isPosition = (bound: LogBound): bound is Readonly<{ position: GlobalPosition }> => 'position' in bound;

export function inLogRange(event: LogEntry, { from, to }: LogRange): boolean {
  const after = (bound: LogBound) => (isPosition(bound) ? event.position >= bound.position : event.recordedAt >= bound.instant);
  const before = (bound: LogBound) => (isPosition(bound) ? event.position <= bound.position : event.recordedAt <= bound.instant);
  return (from === undefined || after(from)) && (to === undefined || before(to));
}

/** The exclusive position reading starts after: the later of `after` and the one before a position `from`. */
function startAfter({ from, after }: LogRange): GlobalPosition | undefined {
  const beforeFrom = from && isPosition(from) && from.position > 0n ? from.position - 1n : undefined;
  if (after === undefined || beforeFrom === undefined) return after ?? beforeFrom;
  return after > beforeFrom ? after : beforeFrom;
}

/**
 * Reads a range of the log page by page, in $all order, holding at most two pages: while the caller works on one, the
 * store already reads the next (a verification or an export then overlaps its own work with the database's).
 * Positions start and stop the read; an instant is matched against each event's recording time, which does not
 * strictly follow the log's order, so an instant `to` reads on to the head.
 */
export async function* readLogRange<E extends LogEntry = RecordedEvent>(
  store: LogPageReader<E>,
  range: LogRange,
  pageSize: number,
): AsyncGenerator<LogPage<E>> {
  const to = range.to;
  const readAfter = (after: GlobalPosition | undefined) => {
    const page = store.readAll({ after, limit: pageSize });
    // Awaited below, unless the caller stops first: then its failure has nobody to tell.
    page.catch(() => undefined);
    return page;
  };
  for (let next = readAfter(startAfter(range)); ;) {
    const page = await next;
    const beyond = to && isPosition(to) ? page.findIndex((event) => event.position > to.position) : -1;
    const read = beyond === -1 ? page : page.slice(0, beyond);
    const last = page.length < pageSize || beyond !== -1;
    if (!last) next = readAfter(page[page.length - 1].position);
    if (read.length > 0)
      yield { events: read.filter((event) => inLogRange(event, range)), read: read.length, last: read[read.length - 1].position };
    if (last) return;
  }
}
