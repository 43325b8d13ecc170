import type { Command } from '@ledgerline/domain';
import type { CommandContext } from '../command-context';

/** A command as an adapter builds it: everything but the metadata the context supplies. */
export type Unstamped<C extends Command> = C extends unknown ? Omit<C, 'metadata'> : never;

export const stamp = <C extends Command>(command: Unstamped<C>, context: CommandContext): C =>
  ({ ...command, metadata: { now: context.now } }) as unknown as C;
