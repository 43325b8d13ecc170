import { oneOf } from '../shared/choice';
import type { EraseCustomer } from './customer.commands';
import { InvalidRequestReference, CustomerNotFound } from './customer.errors';
import { ERASURE_GROUNDS, type CustomerErased } from './customer.events';
import type { CustomerState } from './customer.state';

const REQUEST_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,99}$/;

const requestReference = (value: string | undefined): string | null => {
  if (value === undefined) return null;
  if (!REQUEST_REFERENCE.test(value)) throw new InvalidRequestReference();
  return value;
};

/** Any customer that exists may be erased, an archived one too; erasing an erased customer again changes nothing. */
export const eraseCustomer = ({ data, metadata }: EraseCustomer, state: CustomerState): CustomerErased[] => {
  if (state.status === 'none') throw new CustomerNotFound(data.customerId);
  const erased: CustomerErased = {
    type: 'CustomerErased',
    data: {
      customerId: state.customerId,
      legalBasis: oneOf(data.legalBasis, ERASURE_GROUNDS, 'legalBasis'),
      requestReference: requestReference(data.requestReference),
      erasedAt: metadata.now.toISOString(),
    },
  };
  return state.status === 'erased' ? [] : [erased];
};
