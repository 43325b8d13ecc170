import type { CustomerState, Customer } from './customer.state';
import { CustomerAlreadyRegistered, CustomerIsArchived, CustomerIsErased, CustomerNotFound } from './customer.errors';

export const requireUnregistered = (state: CustomerState, customerId: string): void => {
  if (state.status !== 'none') throw new CustomerAlreadyRegistered(customerId);
};

/** Every command but registration and erasure needs a customer that exists and is neither archived nor erased. */
export const requireActiveCustomer = (state: CustomerState, customerId: string): Customer => {
  if (state.status === 'none') throw new CustomerNotFound(customerId);
  if (state.status === 'archived') throw new CustomerIsArchived(customerId);
  if (state.status === 'erased') throw new CustomerIsErased(customerId);
  return state;
};
