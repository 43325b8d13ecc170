import type { CommandOutcome } from '@ledgerline/application';
import type { ICommand } from '@nestjs/cqrs';

/** Sends a command through the command bus, as the HTTP routes do (handlers add what they load, such as snapshots). */
export type CommandSender = (command: ICommand) => Promise<CommandOutcome<unknown>>;
