import { Inject, Injectable } from '@nestjs/common';
import { RECORD_KINDS, type Decider, type Event, type StateOf } from '@ledgerline/domain';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { DeciderRunner } from '../decider-runner';
import { readHistory, type HistoryEntry } from '../record-history';
import { streamIds, type RecordKind } from './stream-ids';
import { UnknownRecord } from './unknown-record';

type Existing<S> = Exclude<S, { status: 'none' }>;

export type CurrentRecord<S> = Readonly<{ state: S; revision: number }>;

/** Reads one record straight from its stream: its current state, or its full history. */
@Injectable()
export class RecordReader {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async current<K extends RecordKind>(kind: K, id: string): Promise<CurrentRecord<Existing<StateOf<K>>>> {
    const decider = RECORD_KINDS[kind].decider as unknown as Pick<Decider<never, Event, StateOf<K>>, 'initialState' | 'evolve'>;
    const { state, revision } = await this.runner.load(decider, streamIds[kind](id));
    if (revision === undefined || (state as { status: string }).status === 'none') throw new UnknownRecord(kind, id);
    return { state: state as Existing<StateOf<K>>, revision };
  }

  async history(kind: RecordKind, id: string): Promise<HistoryEntry[]> {
    const history = await readHistory(this.store, streamIds[kind](id));
    if (history.length === 0) throw new UnknownRecord(kind, id);
    return history;
  }
}
