import { customerDecider, type Customer, type CustomerEvent } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { loadRows, upsertRows } from '../runner/upsert';
import type { ProjectionTarget } from '../runner/projection';
import { iso } from '../runner/iso';

const TABLE = 'crm.customers';

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
  status: Customer['status'];
  registered_at: string | Date;
  archived_at: string | Date | null;
  archive_reason: string | null;
  revision: number;
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
  // Purchases live in crm.customer_purchases; the profile row does not carry them.
  purchases: [],
  registeredAt: iso(row.registered_at) as string,
  archivedAt: iso(row.archived_at),
  archiveReason: row.archive_reason,
});

const toRow = (state: Customer, revision: number): CustomerProfileRow => ({
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
  status: state.status,
  registered_at: state.registeredAt,
  archived_at: state.archivedAt,
  archive_reason: state.archiveReason,
  revision,
});

/**
 * Applies customer events to the profile rows with the domain's own evolve, so the read model
 * cannot drift from what the write side decides. One load and one upsert per batch.
 */
export async function projectCustomerProfiles(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((event) => String(event.data.customerId)))];
  const loaded = await loadRows<CustomerProfileRow>(target, TABLE, 'customer_id', ids);
  const states = new Map<string, { state: Customer; revision: number }>(
    [...loaded].map(([id, row]) => [id, { state: toState(row), revision: row.revision }]),
  );
  for (const event of events) {
    const id = String(event.data.customerId);
    const current = states.get(id)?.state ?? customerDecider.initialState();
    const next = customerDecider.evolve(current, { type: event.type, data: event.data } as CustomerEvent);
    if (next.status !== 'none') states.set(id, { state: next, revision: event.revision });
  }
  await upsertRows(
    target,
    TABLE,
    ['customer_id'],
    [...states.values()].map(({ state, revision }) => toRow(state, revision)),
  );
}
