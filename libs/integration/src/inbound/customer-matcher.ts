import type { GlobalPosition } from '@ledgerline/event-store';
import { v5 as uuidv5 } from 'uuid';
import type { CustomerReference } from './inbound-messages';
import { InboundRejection } from './inbound-rejection';
import { BILLING_SYSTEM, ERP_SYSTEM } from './customer-plans';

/** Customers linked to an external id, as the customers read model knows them. */
export type ExternalReferenceLookup = (system: string, externalId: string) => Promise<readonly { customerId: string; status: string }[]>;

const ERP_CUSTOMER_NAMESPACE = '5b0f7c1e-2d4a-4f7e-9c3b-8a6e1d2f4b70';

/**
 * The id a customer created from ERP master data gets: derived from its ERP id, so that two upserts of a new
 * customer can never register it twice, whatever the read model has seen yet.
 */
export const customerIdForErp = (erpCustomerId: string): string => uuidv5(`${ERP_SYSTEM}\n${erpCustomerId.trim()}`, ERP_CUSTOMER_NAMESPACE);

export const describeReference = (reference: CustomerReference): string =>
  Object.entries(reference)
    .map(([field, value]) => `${field}=${JSON.stringify(value)}`)
    .join(', ');

/**
 * Finds the customer an inbound message is about. External ids are looked up in the customers read model
 * (links made through the API count too), after it caught up with this consumer's own writes; a customer
 * created from the ERP is also found by its derived id. An id linked on several active customers is ambiguous.
 */
export class CustomerMatcher {
  private lastWrite: GlobalPosition | undefined;

  constructor(
    private readonly lookup: ExternalReferenceLookup,
    /** Waits (bounded) until the read model reached a position. */
    private readonly readModelAt: (position: GlobalPosition) => Promise<void>,
  ) {}

  /** A link this consumer just made must be found by the next message. */
  wrote(position: GlobalPosition | undefined): void {
    if (position !== undefined && (this.lastWrite === undefined || position > this.lastWrite)) this.lastWrite = position;
  }

  /** The customer with this ERP id; if none is linked, the one an upsert creates (it may not exist yet). */
  async byErpId(erpCustomerId: string): Promise<string> {
    return (await this.linkedTo(ERP_SYSTEM, erpCustomerId)) ?? customerIdForErp(erpCustomerId);
  }

  /** Our id if given, else the first of the billing and ERP ids that matches a customer. */
  async forInvoice(reference: CustomerReference): Promise<string> {
    if (reference.customerId !== undefined) return reference.customerId;
    const byBillingId =
      reference.billingCustomerId === undefined ? undefined : await this.linkedTo(BILLING_SYSTEM, reference.billingCustomerId);
    if (byBillingId !== undefined) return byBillingId;
    if (reference.erpCustomerId !== undefined) return this.byErpId(reference.erpCustomerId);
    throw InboundRejection.rejected('customer-not-found', `No customer matches ${describeReference(reference)}`);
  }

  private async linkedTo(system: string, externalId: string): Promise<string | undefined> {
    if (this.lastWrite !== undefined) await this.readModelAt(this.lastWrite);
    const linked = await this.lookup(system, externalId.trim());
    const active = linked.filter((customer) => customer.status === 'active');
    if (active.length > 1) {
      const ids = active.map((customer) => customer.customerId).join(', ');
      throw InboundRejection.rejected(
        'ambiguous-customer',
        `${active.length} active customers are linked to ${system} id ${externalId}: ${ids}`,
      );
    }
    return (active[0] ?? linked[0])?.customerId;
  }
}
