import { country } from '../shared/country';
import { oneOf } from '../shared/choice';
import { email } from '../shared/email';
import { recordId } from '../shared/identifiers';
import { owner } from '../shared/owner';
import { phone } from '../shared/phone';
import { optional, optionalText } from '../shared/text';
import { addressesSet } from './customer.addresses';
import type { ArchiveCustomer, RegisterCustomer } from './customer.commands';
import {
  CUSTOMER_KINDS,
  LIFECYCLE_STAGES,
  type CustomerAddressSet,
  type CustomerArchived,
  type CustomerRegistered,
} from './customer.events';
import { requireActiveCustomer, requireUnregistered } from './customer.guards';
import type { CustomerState } from './customer.state';
import { customerName, customFields, industry, tagList } from './customer.values';

/** Addresses given at registration are recorded as they would be set afterwards, one event each. */
export const registerCustomer = (
  { data, metadata }: RegisterCustomer,
  state: CustomerState,
): [CustomerRegistered, ...CustomerAddressSet[]] => {
  requireUnregistered(state, data.customerId);
  const customerId = recordId(data.customerId, 'customerId');
  return [
    {
      type: 'CustomerRegistered',
      data: {
        customerId,
        kind: oneOf(data.kind, CUSTOMER_KINDS, 'kind'),
        name: customerName(data.name),
        email: optional(data.email, email),
        phone: optional(data.phone, phone),
        country: optional(data.country, country),
        industry: optional(data.industry, industry),
        owner: optional(data.owner, owner),
        tags: tagList(data.tags ?? []),
        customFields: customFields(data.customFields ?? {}),
        lifecycleStage: oneOf(data.lifecycleStage ?? 'lead', LIFECYCLE_STAGES, 'lifecycleStage'),
        registeredAt: metadata.now.toISOString(),
      },
    },
    ...addressesSet({ customerId, addresses: {} }, data.addresses ?? {}),
  ];
};

/** Archiving is final: an archived customer refuses every command, a second archiving included. */
export const archiveCustomer = ({ data, metadata }: ArchiveCustomer, state: CustomerState): CustomerArchived[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  return [
    {
      type: 'CustomerArchived',
      data: {
        customerId: customer.customerId,
        reason: optionalText(data.reason, 'reason', 500),
        archivedAt: metadata.now.toISOString(),
      },
    },
  ];
};
