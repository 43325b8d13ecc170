import { readLogRange, type EventStore, type GlobalPosition, type LogBound } from '@ledgerline/event-store';
import type { Producer } from 'kafkajs';
import { integrationMessages } from '../contracts/integration-messages';
import { publishAcknowledged } from '../relay/publish';

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

/**
 * Publishes a range of the log to one public topic again, as the relay published it: the same keys, values (so the
 * ORIGINAL CloudEvent ids: consumers deduplicate) and headers. The log is read page by page and each page is sent
 * and acknowledged before the next is read, so order per key holds and memory stays one page. A position range starts
 * and stops at its positions; an instant is matched against each event's recording time, which does not strictly
 * follow the log's order, so an instant end reads on to the head.
 */
export async function replayLog(store: EventStore, producer: Producer, options: ReplayOptions): Promise<ReplaySummary> {
  const { range, topic } = options;
  // Counting is only worth it when the replay reads the log from its start: the bar then ends at the head.
  const total = 'position' in range.from && range.from.position > 1n ? undefined : await store.countAll();
  const startedAt = new Date();
  let [read, published] = [0, 0];
  let [first, last]: (GlobalPosition | undefined)[] = [undefined, undefined];
  for await (const page of readLogRange(store, range, options.pageSize)) {
    const replayed = page.events.flatMap((event) =>
      integrationMessages(event).flatMap((message) => (message.topic === topic ? [{ event, message }] : [])),
    );
    await publishAcknowledged(
      producer,
      replayed.map(({ message }) => message),
      options.stopping,
      options.log,
    );
    [read, published] = [read + page.read, published + replayed.length];
    [first, last] = [first ?? replayed[0]?.event.position, replayed[replayed.length - 1]?.event.position ?? last];
    options.onProgress({ done: read, total, startedAt });
    if (options.stopping.aborted) return { read, published, first, last, complete: false };
  }
  return { read, published, first, last, complete: true };
}
