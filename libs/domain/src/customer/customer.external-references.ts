import { slug } from '../shared/identifiers';
import { requiredText } from '../shared/text';
import type { LinkExternalReference, UnlinkExternalReference } from './customer.commands';
import type { CustomerExternalReferenceLinked, CustomerExternalReferenceUnlinked } from './customer.events';
import { requireActiveCustomer } from './customer.guards';
import type { CustomerState } from './customer.state';

// Own properties only: a system named "constructor" must not find Object.prototype.constructor.
const externalIdIn = (references: Readonly<Record<string, string>>, system: string): string | null =>
  Object.hasOwn(references, system) ? references[system] : null;

export const linkExternalReference = ({ data }: LinkExternalReference, state: CustomerState): CustomerExternalReferenceLinked[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const system = slug(data.system, 'system');
  const externalId = requiredText(data.externalId, 'externalId', 200);
  const previousExternalId = externalIdIn(customer.externalReferences, system);
  if (externalId === previousExternalId) return [];
  return [{ type: 'CustomerExternalReferenceLinked', data: { customerId: customer.customerId, system, externalId, previousExternalId } }];
};

export const unlinkExternalReference = ({ data }: UnlinkExternalReference, state: CustomerState): CustomerExternalReferenceUnlinked[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const system = slug(data.system, 'system');
  const externalId = externalIdIn(customer.externalReferences, system);
  if (externalId === null) return [];
  return [{ type: 'CustomerExternalReferenceUnlinked', data: { customerId: customer.customerId, system, externalId } }];
};
