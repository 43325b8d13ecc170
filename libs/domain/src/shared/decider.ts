/**
 * The decider pattern: a record's behaviour is three pure functions.
 * Time and ids arrive with the command, so every decision is deterministic.
 */
export type Event<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type CommandMetadata = Readonly<{
  /** The moment the command is decided at; the domain never reads the clock. */
  now: Date;
}>;

export type Command<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

export type Decider<C extends Command, E extends Event, S> = Readonly<{
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S) => readonly E[];
}>;

/** Folds a stream of events into the state they describe. */
export const fold = <E extends Event, S>(decider: Pick<Decider<Command, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());

/** Decides commands in turn, each against the state the previous ones left: the events of all, and that state. */
export function decideAll<C extends Command, E extends Event, S>(
  decider: Decider<C, E, S>,
  commands: C | readonly C[],
  initial: S,
): { state: S; decided: E[] } {
  const decided: E[] = [];
  let state = initial;
  for (const command of Array.isArray(commands) ? commands : [commands]) {
    const events = decider.decide(command, state);
    state = events.reduce(decider.evolve, state);
    decided.push(...events);
  }
  return { state, decided };
}

/** Makes a switch exhaustive: a new command or event type that is not handled fails to compile. */
export const unreachable = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
