import { DeciderRunner, ExternalReferenceIndex, LeadIds } from '@ledgerline/application';
import { CustomersQueries } from '@ledgerline/projections';
import { CommandBus } from '@nestjs/cqrs';
import type { InboundServices } from './inbound-handler';

type Resolve = <T>(token: abstract new (...args: never[]) => T) => T;

/** The inbound handler's services as a Nest process holds them (the consumer's module, the CLI's redrive). */
export function inboundServices(resolve: Resolve): InboundServices {
  const commands = resolve(CommandBus);
  return {
    runner: resolve(DeciderRunner),
    index: resolve(ExternalReferenceIndex),
    contacts: resolve(CustomersQueries),
    leadIds: resolve(LeadIds),
    send: (command) => commands.execute(command),
  };
}
