import { unreachable, type Decider } from '../shared/decider';
import { removeCustomerAddress, setCustomerAddress } from './customer.addresses';
import type { CustomerCommand } from './customer.commands';
import type { CustomerEvent } from './customer.events';
import { eraseCustomer } from './customer.erasure';
import { linkExternalReference, unlinkExternalReference } from './customer.external-references';
import { assignCustomerOwner, changeLifecycleStage, updateCustomerProfile } from './customer.profile';
import { recordPurchase, returnPurchaseItems, reversePurchase } from './customer.purchases';
import { archiveCustomer, registerCustomer } from './customer.registration';
import { evolveCustomer, initialCustomerState, type CustomerState } from './customer.state';
import { addCustomerTags, removeCustomerTags } from './customer.tags';

export const decideCustomer = (command: CustomerCommand, state: CustomerState): readonly CustomerEvent[] => {
  switch (command.type) {
    case 'RegisterCustomer':
      return registerCustomer(command, state);
    case 'UpdateCustomerProfile':
      return updateCustomerProfile(command, state);
    case 'ChangeLifecycleStage':
      return changeLifecycleStage(command, state);
    case 'AssignCustomerOwner':
      return assignCustomerOwner(command, state);
    case 'AddCustomerTags':
      return addCustomerTags(command, state);
    case 'RemoveCustomerTags':
      return removeCustomerTags(command, state);
    case 'LinkExternalReference':
      return linkExternalReference(command, state);
    case 'UnlinkExternalReference':
      return unlinkExternalReference(command, state);
    case 'SetCustomerAddress':
      return setCustomerAddress(command, state);
    case 'RemoveCustomerAddress':
      return removeCustomerAddress(command, state);
    case 'RecordPurchase':
      return recordPurchase(command, state);
    case 'ReversePurchase':
      return reversePurchase(command, state);
    case 'ReturnPurchaseItems':
      return returnPurchaseItems(command, state);
    case 'ArchiveCustomer':
      return archiveCustomer(command, state);
    case 'EraseCustomer':
      return eraseCustomer(command, state);
    default:
      return unreachable(command);
  }
};

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  initialState: initialCustomerState,
  evolve: evolveCustomer,
  decide: decideCustomer,
};
