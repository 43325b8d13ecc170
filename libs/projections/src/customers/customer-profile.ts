import { customerDecider, customerLocation, type Customer, type CustomerEvent } from '@ledgerline/domain';
import type { ProjectedEvent } from '../runner/projected-event';
import type { RowProjection } from '../runner/row-projection';
import { iso } from '../runner/iso';
import { CUSTOMER_TABLES } from '../read-model-tables';

/** The profile columns of crm.customers: the customer as the domain sees it, plus the revision. */
export type CustomerProfileRow = {
  customer_id: string;
  kind: Customer['kind'];
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  industry: string | null;
  owner: string | null;
  lifecycle_stage: Customer['lifecycleStage'];
  tags: string[];
  custom_fields: Customer['customFields'];
  external_refs: Customer['externalReferences'];
  addresses: Customer['addresses'];
  city: string | null;
  region: string | null;
  status: Customer['status'];
  registered_at: string | Date;
  archived_at: string | Date | null;
  archive_reason: string | null;
  erased_at: string | Date | null;
  revision: number;
};

const locationColumns = ({ addresses }: Customer): Pick<CustomerProfileRow, 'city' | 'region'> => {
  const location = customerLocation(addresses);
  return { city: location?.city ?? null, region: location?.region ?? null };
};

const toState = (row: CustomerProfileRow): Customer => ({
  status: row.status,
  customerId: row.customer_id,
  kind: row.kind,
  name: row.name,
  email: row.email,
  phone: row.phone,
  country: row.country,
  industry: row.industry,
  owner: row.owner,
  tags: row.tags,
  customFields: row.custom_fields,
  lifecycleStage: row.lifecycle_stage,
  externalReferences: row.external_refs,
  addresses: row.addresses,
  // Purchases live in crm.customer_purchases; the profile row does not carry them.
  purchases: [],
  registeredAt: iso(row.registered_at),
  archivedAt: iso(row.archived_at),
  archiveReason: row.archive_reason,
  erasedAt: iso(row.erased_at),
});

const toRow = (state: Customer, revision: number): CustomerProfileRow => ({
  ...locationColumns(state),
  customer_id: state.customerId,
  kind: state.kind,
  name: state.name,
  email: state.email,
  phone: state.phone,
  country: state.country,
  industry: state.industry,
  owner: state.owner,
  lifecycle_stage: state.lifecycleStage,
  tags: [...state.tags],
  custom_fields: state.customFields,
  external_refs: state.externalReferences,
  addresses: state.addresses,
  status: state.status,
  registered_at: state.registeredAt,
  archived_at: state.archivedAt,
  archive_reason: state.archiveReason,
  erased_at: state.erasedAt,
  revision,
});

/**
 * The profile columns of crm.customers, evolved with the domain's own evolve, so the read model cannot drift
 * from what the write side decides.
 */
export const customerProfiles: RowProjection<CustomerProfileRow, ProjectedEvent<CustomerEvent>> = {
  table: CUSTOMER_TABLES.customers,
  key: 'customer_id',
  keyOf: (event) => event.data.customerId,
  evolve(row, event) {
    const next = customerDecider.evolve(row ? toState(row) : customerDecider.initialState(), event);
    return next.status === 'none' ? undefined : toRow(next, event.revision);
  },
};
