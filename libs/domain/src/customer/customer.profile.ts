import { changesBetween, hasChanges, patchOptional, patchRequired } from '../shared/changes';
import { oneOf } from '../shared/choice';
import { country } from '../shared/country';
import { email } from '../shared/email';
import { owner } from '../shared/owner';
import { phone } from '../shared/phone';
import type { AssignCustomerOwner, ChangeLifecycleStage, UpdateCustomerProfile } from './customer.commands';
import {
  LIFECYCLE_STAGES,
  type CustomerLifecycleStageChanged,
  type CustomerOwnerAssigned,
  type CustomerProfileUpdated,
  type ProfileChanges,
} from './customer.events';
import { LifecycleTransitionNotAllowed } from './customer.errors';
import { requireActiveCustomer } from './customer.guards';
import type { Customer, CustomerState } from './customer.state';
import { customerName, customFieldChanges, industry, lifecycleStagesAfter } from './customer.values';

type ContactFields = Pick<Customer, 'name' | 'email' | 'phone' | 'country' | 'industry'>;

export const updateCustomerProfile = ({ data }: UpdateCustomerProfile, state: CustomerState): CustomerProfileUpdated[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const requested: Partial<ContactFields> = {
    name: patchRequired(data.name, customerName),
    email: patchOptional(data.email, email),
    phone: patchOptional(data.phone, phone),
    country: patchOptional(data.country, country),
    industry: patchOptional(data.industry, industry),
  };
  const fieldChanges = customFieldChanges(customer.customFields, data.customFields ?? {});
  const changes: ProfileChanges = {
    ...changesBetween<ContactFields>(customer, requested),
    ...(hasChanges(fieldChanges) && { customFields: fieldChanges }),
  };
  return hasChanges(changes) ? [{ type: 'CustomerProfileUpdated', data: { customerId: customer.customerId, changes } }] : [];
};

export const changeLifecycleStage = ({ data }: ChangeLifecycleStage, state: CustomerState): CustomerLifecycleStageChanged[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const from = customer.lifecycleStage;
  const to = oneOf(data.lifecycleStage, LIFECYCLE_STAGES, 'lifecycleStage');
  if (to === from) return [];
  const allowed = lifecycleStagesAfter(from);
  if (!allowed.includes(to)) throw new LifecycleTransitionNotAllowed(from, to, allowed);
  return [{ type: 'CustomerLifecycleStageChanged', data: { customerId: customer.customerId, from, to } }];
};

export const assignCustomerOwner = ({ data }: AssignCustomerOwner, state: CustomerState): CustomerOwnerAssigned[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const to = owner(data.owner);
  if (to === customer.owner) return [];
  return [{ type: 'CustomerOwnerAssigned', data: { customerId: customer.customerId, from: customer.owner, to } }];
};
