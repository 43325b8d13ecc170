import {
  DeciderRunner,
  EventCodec,
  ExecuteInteractionCommand,
  ExecuteInteractionCommandHandler,
  ExternalReferenceIndex,
  LeadIds,
  Snapshots,
} from '@ledgerline/application';
import type { EventStore } from '@ledgerline/event-store';
import { CustomersQueries } from '@ledgerline/projections';
import type { DataSource } from 'typeorm';
import type { InboundServices } from '../inbound/inbound-handler';

/**
 * The inbound handler's services outside a Nest process, every one real: the command side over `store`, the
 * customers read model in `readModel`, and the interaction handler the command bus would call.
 */
export function inboundServicesOver(
  store: EventStore,
  readModel: DataSource,
  runner = new DeciderRunner(store, new EventCodec(), 5),
): InboundServices {
  const interactions = new ExecuteInteractionCommandHandler(runner, new Snapshots(runner));
  return {
    runner,
    index: new ExternalReferenceIndex(runner),
    contacts: new CustomersQueries(readModel),
    leadIds: new LeadIds(store),
    send: async (command) => {
      if (command instanceof ExecuteInteractionCommand) return interactions.execute(command);
      throw new Error(`The inbound handler sends interaction commands only, not ${command.constructor.name}`);
    },
  };
}
