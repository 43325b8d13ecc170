import type { CustomerState } from './customer.state';
import { CustomerIsArchived, CustomerIsErased, CustomerNotFound } from './customer.errors';

/**
 * What a command about another record (a deal, an interaction) needs to know of its customer.
 * The application reads it and passes it in the command: deciders never load anything. null: no such customer.
 */
export type CustomerSnapshot = Readonly<{ status: 'active' | 'archived' | 'erased' }> | null;

export const customerSnapshot = (state: CustomerState): CustomerSnapshot => (state.status === 'none' ? null : { status: state.status });

/** A missing customer is a RecordNotFound (the command names a record that does not exist), as for the customer's own commands. */
export const requireActiveCustomerSnapshot = (customer: CustomerSnapshot, customerId: string): void => {
  // `!` rather than `=== null`: commands built from JSON may lack the field altogether.
  if (!customer) throw new CustomerNotFound(customerId);
  if (customer.status === 'archived') throw new CustomerIsArchived(customerId);
  if (customer.status === 'erased') throw new CustomerIsErased(customerId);
};
