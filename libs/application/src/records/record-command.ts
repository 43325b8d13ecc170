import { Command as CqrsCommand, type ICommandHandler } from '@nestjs/cqrs';
import type { Command, Decider, Event } from '@ledgerline/domain';
import type { CommandContext } from '../command-context';
import type { AppendGuard, CommandOutcome, DeciderRunner } from '../decider-runner';

/** A domain command on its way through the command bus, with its context. One subclass per record kind. */
export abstract class RecordCommand<C extends Command, S> extends CqrsCommand<CommandOutcome<S>> {
  constructor(
    readonly command: C,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Handles a record kind's commands on the record's own stream (and, through a guard, what must stay in step with it). */
export abstract class RecordCommandHandler<C extends Command, E extends Event, S> implements ICommandHandler<RecordCommand<C, S>> {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly decider: Decider<C, E, S>,
    private readonly streamOf: (command: C) => string,
    private readonly guard?: AppendGuard<E>,
  ) {}

  execute({ command, context }: RecordCommand<C, S>): Promise<CommandOutcome<S>> {
    return this.runner.execute(this.decider, this.streamOf(command), command, context, this.guard);
  }
}
