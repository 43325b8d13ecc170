import { DealNotFound } from './deal.errors';
import type { DealState } from './deal.state';

/**
 * What an interaction needs to know of the deal it is about. The application reads it and passes it
 * in the command: deciders never load anything. null: no such deal.
 */
export type DealSnapshot = Readonly<{ customerId: string }> | null;

export const dealSnapshot = (state: DealState): DealSnapshot => (state.status === 'none' ? null : { customerId: state.customerId });

export const requireDealSnapshot = (deal: DealSnapshot, dealId: string): NonNullable<DealSnapshot> => {
  if (!deal) throw new DealNotFound(dealId);
  return deal;
};
