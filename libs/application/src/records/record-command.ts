import { Command as CqrsCommand, type ICommandHandler } from '@nestjs/cqrs';
import type { Command, Decider, Event } from '@ledgerline/domain';
import type { CommandContext } from '../command-context';
import type { CommandOutcome, DeciderRunner } from '../decider-runner';

/** A domain command on its way through the command bus, with its context. One subclass per record kind. */
export abstract class RecordCommand<C extends Command, S> extends CqrsCommand<CommandOutcome<S>> {
  constructor(
    readonly command: C,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Handles a record kind whose commands need nothing but the record's own stream. */
export abstract class RecordCommandHandler<C extends Command, E extends Event, S> implements ICommandHandler<RecordCommand<C, S>> {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly decider: Decider<C, E, S>,
    private readonly streamOf: (command: C) => string,
  ) {}

  execute({ command, context }: RecordCommand<C, S>): Promise<CommandOutcome<S>> {
    return this.runner.execute(this.decider, this.streamOf(command), command, context);
  }
}
