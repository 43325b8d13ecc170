import type { EventStore, GlobalPosition, RecordedEvent } from './event-store.port';

/** One end of a range of the log: a position (as in the `ledgerline-position` header) or when events were recorded. */
export type LogBound = Readonly<{ position: GlobalPosition }> | Readonly<{ instant: Date }>;

/**
 * Both ends included; without `from` the range starts at the beginning of the log, without `to` it runs to the head
 * as it stands when the read gets there. `after` (exclusive) is where a read that stopped resumes: the position of the
 * last event it got.
 */
export type LogRange = Readonly<{ from?: LogBound; to?: LogBound; after?: GlobalPosition }>;

/** One page of the log: the events of it in the range, how many were read, and the position the next page starts after. */
export type LogPage = Readonly<{ events: RecordedEvent[]; read: number; last: GlobalPosition }>;

const isPosition = (bound: LogBound): bound is Readonly<{ position: GlobalPosition }> => 'position' in bound;

export function inLogRange(event: RecordedEvent, { from, to }: LogRange): boolean {
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
 * Reads a range of the log page by page, in $all order, holding one page at a time. Positions start and stop the read;
 * an instant is matched against each event's recording time, which does not strictly follow the log's order, so an
 * instant `to` reads on to the head.
 */
export async function* readLogRange(store: Pick<EventStore, 'readAll'>, range: LogRange, pageSize: number): AsyncGenerator<LogPage> {
  const to = range.to;
  for (let after = startAfter(range); ;) {
    const page = await store.readAll({ after, limit: pageSize });
    const beyond = to && isPosition(to) ? page.findIndex((event) => event.position > to.position) : -1;
    const read = beyond === -1 ? page : page.slice(0, beyond);
    if (read.length > 0)
      yield { events: read.filter((event) => inLogRange(event, range)), read: read.length, last: read[read.length - 1].position };
    if (page.length < pageSize || beyond !== -1) return;
    after = page[page.length - 1].position;
  }
}
