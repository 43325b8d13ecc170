import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, RecordedEvent } from '../event-store.port';

/**
 * Everything the store holds, in $all order. $all shows only rows of transactions older than every running
 * one, cluster-wide, so another test's open transaction can hide the latest appends for a while: this waits
 * until every stored event is visible rather than taking a partial log for the whole.
 */
export async function readWholeLog(store: Pick<EventStore, 'countAll' | 'readAll'>, timeoutMs = 25_000): Promise<RecordedEvent[]> {
  const stored = await store.countAll();
  for (const deadline = Date.now() + timeoutMs; ; await sleep(10)) {
    const log: RecordedEvent[] = [];
    for (
      let batch = await store.readAll({ limit: 1000 });
      batch.length > 0;
      batch = await store.readAll({ after: batch.at(-1)!.position, limit: 1000 })
    ) {
      log.push(...batch);
    }
    if (stored === undefined || log.length >= stored) return log;
    if (Date.now() > deadline) throw new Error(`only ${log.length} of ${stored} stored events became visible in $all`);
  }
}
