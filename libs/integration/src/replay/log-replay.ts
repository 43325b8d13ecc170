import type { EventStore, GlobalPosition, RecordedEvent } from '@ledgerline/event-store';
import type { Producer } from 'kafkajs';
import { integrationMessages } from '../contracts/integration-messages';
import { publishAcknowledged } from '../relay/publish';

/** One end of a range of the log: a position (as in the `ledgerline-position` header) or when events were recorded. */
export type LogBound = Readonly<{ position: GlobalPosition }> | Readonly<{ instant: Date }>;

/** Both ends included; no `to`: up to the head of the log as it stands when the replay gets there. */
export type ReplayRange = Readonly<{ from: LogBound; to?: LogBound }>;

export type ReplayProgress = Readonly<{ done: number; total: number | undefined; startedAt: Date }>;

export type ReplaySummary = Readonly<{
  /** Events read from the log, in the range or not. */
  read: number;
  /** Messages published to the topic. */
  published: number;
  /** Positions of the first and last event published. */
  first: GlobalPosition | undefined;
  last: GlobalPosition | undefined;
  /** False when `stopping` ended it before the end of the range. */
  complete: boolean;
}>;

export type ReplayOptions = Readonly<{
  topic: string;
  range: ReplayRange;
  /** Events per read of the log and per produce request. */
  pageSize: number;
  stopping: AbortSignal;
  onProgress: (progress: ReplayProgress) => void;
  log: (message: string) => void;
}>;

const isPosition = (bound: LogBound): bound is Readonly<{ position: GlobalPosition }> => 'position' in bound;

function inRange(event: RecordedEvent, { from, to }: ReplayRange): boolean {
  const after = (bound: LogBound) => (isPosition(bound) ? event.position >= bound.position : event.recordedAt >= bound.instant);
  const before = (bound: LogBound) => (isPosition(bound) ? event.position <= bound.position : event.recordedAt <= bound.instant);
  return after(from) && (to === undefined || before(to));
}

/**
 * Publishes a range of the log to one public topic again, as the relay published it: the same keys, values (so the
 * ORIGINAL CloudEvent ids: consumers deduplicate) and headers. The log is read page by page and each page is sent
 * and acknowledged before the next is read, so order per key holds and memory stays one page. A position range starts
 * and stops at its positions; an instant is matched against each event's recording time, which does not strictly
 * follow the log's order, so an instant end reads on to the head.
 */
export async function replayLog(store: EventStore, producer: Producer, options: ReplayOptions): Promise<ReplaySummary> {
  const { range, topic } = options;
  let after = isPosition(range.from) && range.from.position > 0n ? range.from.position - 1n : undefined;
  // Counting is only worth it when the replay reads the log from its start: the bar then ends at the head.
  const total = after === undefined ? await store.countAll() : undefined;
  const startedAt = new Date();
  let [read, published] = [0, 0];
  let [first, last]: (GlobalPosition | undefined)[] = [undefined, undefined];
  for (;;) {
    const page = await store.readAll({ after, limit: options.pageSize });
    const to = range.to;
    const beyond = to && isPosition(to) ? page.findIndex((event) => event.position > to.position) : -1;
    const events = beyond === -1 ? page : page.slice(0, beyond);
    const replayed = events
      .filter((event) => inRange(event, range))
      .flatMap((event) => integrationMessages(event).flatMap((message) => (message.topic === topic ? [{ event, message }] : [])));
    await publishAcknowledged(
      producer,
      replayed.map(({ message }) => message),
      options.stopping,
      options.log,
    );
    [read, published] = [read + events.length, published + replayed.length];
    [first, last] = [first ?? replayed[0]?.event.position, replayed[replayed.length - 1]?.event.position ?? last];
    options.onProgress({ done: read, total, startedAt });
    const complete = page.length < options.pageSize || beyond !== -1;
    if (complete || options.stopping.aborted) return { read, published, first, last, complete };
    after = page[page.length - 1].position;
  }
}
