import { Inject, Injectable } from '@nestjs/common';
import { fold, RECORD_KINDS, type Decider, type Event, type StateOf } from '@ledgerline/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ledgerline/event-store';
import { DeciderRunner } from '../decider-runner';
import { EventCodec } from '../event-codec';
import { historyEntryOf, readHistory, type HistoryEntry } from '../record-history';
import { fieldChanges, type FieldChange } from './field-changes';
import { describePoint, eventsUntil, type RecordPoint } from './record-point';
import { streamIds, type RecordKind } from './stream-ids';
import { RecordDidNotExistYet, ReversedRange, UnknownRecord, UnknownRevision } from './unknown-record';

type Existing<S> = Exclude<S, { status: 'none' }>;
type Evolving<S> = Pick<Decider<never, Event, S>, 'initialState' | 'evolve'>;

export type CurrentRecord<S> = Readonly<{ state: S; revision: number }>;

/** A record as its decider's state was at a point of its history, with the event that made it so. */
export type RecordAsOf<S> = Readonly<{
  kind: RecordKind;
  id: string;
  revision: number;
  /** The instant asked for, when the point was one. */
  asOf?: string;
  state: S;
  event: HistoryEntry;
}>;

/** One field changed by one event: who changed it, when, and in which flow (correlation). */
export type RecordChange = FieldChange &
  Readonly<{ revision: number; eventId: string; type: string; recordedAt: string; actor: unknown; correlationId: unknown }>;

export type RecordDiff = Readonly<{
  kind: RecordKind;
  id: string;
  /** The revision the diff starts after; null when it starts before the record existed. */
  fromRevision: number | null;
  toRevision: number;
  changes: RecordChange[];
}>;

const deciderOf = <K extends RecordKind>(kind: K) => RECORD_KINDS[kind].decider as unknown as Evolving<StateOf<K>>;

/** Reads one record straight from its stream: its current state, its state at any point, its history, its changes. */
@Injectable()
export class RecordReader {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly codec: EventCodec,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async current<K extends RecordKind>(kind: K, id: string): Promise<CurrentRecord<Existing<StateOf<K>>>> {
    const { state, revision } = await this.runner.load(deciderOf(kind), streamIds[kind](id));
    if (revision === undefined || (state as { status: string }).status === 'none') throw new UnknownRecord(kind, id);
    return { state: state as Existing<StateOf<K>>, revision };
  }

  async history(kind: RecordKind, id: string): Promise<HistoryEntry[]> {
    const history = await readHistory(this.store, streamIds[kind](id));
    if (history.length === 0) throw new UnknownRecord(kind, id);
    return history;
  }

  async asOf<K extends RecordKind>(kind: K, id: string, point: RecordPoint): Promise<RecordAsOf<StateOf<K>>> {
    const stream = await this.stream(kind, id, 'revision' in point ? point.revision + 1 : undefined);
    const events = stream.slice(0, countUntil(kind, id, stream, point));
    const last = events[events.length - 1];
    return {
      kind,
      id,
      revision: last.revision,
      ...('instant' in point ? { asOf: point.instant.toISOString() } : {}),
      state: fold(
        deciderOf(kind),
        events.map((event) => this.codec.decode(event)),
      ),
      event: historyEntryOf(last),
    };
  }

  /** The field changes of every event after `from` (default: from the start) up to `to` (default: the latest). */
  async diff(kind: RecordKind, id: string, from: RecordPoint | undefined, to: RecordPoint | undefined): Promise<RecordDiff> {
    const stream = await this.stream(kind, id);
    const end = to === undefined ? stream.length : countUntil(kind, id, stream, to);
    // A diff may start before the record existed: it then shows how it was created.
    const start = from === undefined ? 0 : countUntil(kind, id, stream, from, true);
    if (start > end)
      throw new ReversedRange(describePoint(from as RecordPoint), to === undefined ? 'the latest revision' : describePoint(to));
    const decider = deciderOf(kind);
    let state = fold(
      decider,
      stream.slice(0, start).map((event) => this.codec.decode(event)),
    );
    const changes: RecordChange[] = [];
    for (const event of stream.slice(start, end)) {
      const next = decider.evolve(state, this.codec.decode(event));
      changes.push(...fieldChanges(state, next).map((change) => ({ ...change, ...changeContext(event) })));
      state = next;
    }
    return { kind, id, fromRevision: start === 0 ? null : start - 1, toRevision: stream[end - 1].revision, changes };
  }

  private async stream(kind: RecordKind, id: string, maxCount?: number): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(streamIds[kind](id), maxCount === undefined ? undefined : { maxCount });
    if (events.length === 0) throw new UnknownRecord(kind, id);
    return events;
  }
}

/** How many of the stream's events make the record as of the point; 404s for a revision or instant it never had. */
function countUntil(kind: RecordKind, id: string, stream: readonly RecordedEvent[], point: RecordPoint, mayPrecede = false): number {
  const count = eventsUntil(stream, point);
  if ('revision' in point && count <= point.revision)
    throw new UnknownRevision(kind, id, point.revision, stream[stream.length - 1].revision);
  if (count === 0 && !mayPrecede) throw new RecordDidNotExistYet(kind, id, (point as { instant: Date }).instant, stream[0].recordedAt);
  return count;
}

const changeContext = (event: RecordedEvent) => ({
  revision: event.revision,
  eventId: event.id,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId,
});
