import { setTimeout as sleep } from 'node:timers/promises';
import { CustomerIsErased, dataSubjectOf, decideAll, DomainError, fold, type Command, type Decider, type Event } from '@ledgerline/domain';
import { SubjectErased } from '@ledgerline/privacy';
import {
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '@ledgerline/event-store';
import { ConcurrentModification, RevisionMismatch } from './application-errors';
import type { CommandContext } from './command-context';
import type { CommandObserver, CommandResult } from './command-observer';
import type { EventCodec } from './event-codec';

export type LoadedRecord<S> = Readonly<{
  state: S;
  /** Revision of the stream's last event; undefined when the record does not exist. */
  revision: number | undefined;
  events: readonly RecordedEvent[];
}>;

export type CommandOutcome<S> = Readonly<{
  streamId: string;
  state: S;
  revision: number | undefined;
  /** How many events this command appended (0 for a no-op or an already applied retry). */
  appended: number;
  /** Where in $all the record's state as answered is complete: read models that reach it show it. */
  position: GlobalPosition | undefined;
}>;

/**
 * What a record kind does around its appends to keep another stream in step (the external-reference claims of
 * customers): `beforeAppend` may refuse the command by throwing, and nothing is appended to the record then.
 */
export type AppendGuard<E extends Event> = Readonly<{
  beforeAppend: (events: readonly E[], context: CommandContext) => Promise<void>;
  /** Runs once the events are stored; a crash before it is what `beforeAppend`'s counterpart must tolerate. */
  afterAppend: (events: readonly E[], context: CommandContext) => Promise<void>;
}>;

/** Full jitter, so writers that collided do not collide again in lockstep. */
const backoff = (attempt: number): number => Math.random() * Math.min(200, 5 * 2 ** attempt);

const resultOf = (error: unknown): CommandResult => {
  if (error instanceof DomainError) return 'rejected';
  return error instanceof RevisionMismatch || error instanceof ConcurrentModification ? 'conflict' : 'failed';
};

/**
 * Runs any decider-based command the same way: load the stream, fold, decide, append
 * with the revision that was read. Written once for every record kind.
 */
export class DeciderRunner {
  constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly attempts: number,
    private readonly observer?: CommandObserver,
  ) {}

  async load<E extends Event, S>(
    decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<LoadedRecord<S>> {
    return this.loaded(decider, await this.store.readStream(streamId));
  }

  /** Many records of one kind in one read of the store. */
  async loadMany<E extends Event, S>(
    decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
    streamIds: readonly string[],
  ): Promise<Map<string, LoadedRecord<S>>> {
    const streams = await this.store.readStreams(streamIds);
    return new Map([...streams].map(([streamId, events]) => [streamId, this.loaded(decider, events)]));
  }

  private loaded<E extends Event, S>(
    decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
    events: readonly RecordedEvent[],
  ): LoadedRecord<S> {
    return {
      state: fold(
        decider,
        events.map((event) => this.codec.decode<E>(event)),
      ),
      revision: events.at(-1)?.revision,
      events,
    };
  }

  /** Several commands to one record are decided in turn and appended together: all or nothing. */
  async execute<C extends Command, E extends Event, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    commands: C | readonly C[],
    context: CommandContext,
    guard?: AppendGuard<E>,
  ): Promise<CommandOutcome<S>> {
    const recordKind = streamId.slice(0, streamId.indexOf('-'));
    try {
      const outcome = await this.decideAndAppend(decider, streamId, commands, context, guard);
      this.observer?.commandFinished(recordKind, 'ok', outcome.appended);
      return outcome;
    } catch (error) {
      this.observer?.commandFinished(recordKind, resultOf(error), 0);
      throw error;
    }
  }

  private async decideAndAppend<C extends Command, E extends Event, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    commands: C | readonly C[],
    context: CommandContext,
    guard: AppendGuard<E> | undefined,
  ): Promise<CommandOutcome<S>> {
    for (let attempt = 1; ; attempt++) {
      const record = await this.load(decider, streamId);
      const unchanged = { streamId, state: record.state, revision: record.revision, appended: 0, position: record.events.at(-1)?.position };
      // Before If-Match: a retry whose first attempt landed finds the revision it moved itself.
      if (this.alreadyApplied(streamId, record, context)) return unchanged;
      if (context.expectedRevision !== undefined && context.expectedRevision !== record.revision) {
        throw new RevisionMismatch(streamId, context.expectedRevision, record.revision);
      }
      const { state, decided } = decideAll(decider, commands, record.state);
      if (decided.length === 0) return unchanged;
      await guard?.beforeAppend(decided, context);
      const result = await this.appendOrConflict(streamId, decided, context, dataSubjectOf(streamId, state), record.revision, attempt);
      if (result === 'conflict') {
        await sleep(backoff(attempt));
        continue;
      }
      await guard?.afterAppend(decided, context);
      return { streamId, state, revision: result.nextExpectedRevision, appended: decided.length, position: result.position };
    }
  }

  /** 'conflict': another writer got there first and the command may be decided again. */
  private async appendOrConflict(
    streamId: string,
    decided: readonly Event[],
    context: CommandContext,
    dataSubject: string | undefined,
    revision: number | undefined,
    attempt: number,
  ): Promise<AppendResult | 'conflict'> {
    try {
      return await this.store.append(streamId, this.codec.encode(streamId, decided, context, dataSubject), revision ?? 'no-stream');
    } catch (error) {
      // Erased while this command was decided: the same refusal as deciding on the erased customer.
      if (error instanceof SubjectErased) throw new CustomerIsErased(error.subject);
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (context.expectedRevision !== undefined) {
        throw new RevisionMismatch(streamId, context.expectedRevision, error.actual === 'no-stream' ? undefined : error.actual);
      }
      if (attempt >= this.attempts) throw new ConcurrentModification(streamId, attempt);
      return 'conflict';
    }
  }

  /** A retried command (same idempotency key) finds its first event already in the stream. */
  private alreadyApplied(streamId: string, record: LoadedRecord<unknown>, context: CommandContext): boolean {
    if (!context.idempotencyKey) return false;
    const firstId = this.codec.eventId(streamId, 0, context);
    return record.events.some((event) => event.id === firstId);
  }
}
