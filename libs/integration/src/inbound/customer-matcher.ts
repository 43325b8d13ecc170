import { customerIdForExternalRef, type ExternalReferenceIndex } from '@ledgerline/application';
import type { CustomerReference } from './inbound-messages';
import { InboundRejection } from './inbound-rejection';
import { BILLING_SYSTEM, ERP_SYSTEM } from './customer-plans';

/**
 * The id a customer created from ERP master data gets: derived from its ERP id, so that two upserts of a new
 * customer can never register it twice, whatever the read model has seen yet.
 */
export const customerIdForErp = (erpCustomerId: string): string => customerIdForExternalRef(ERP_SYSTEM, erpCustomerId);

export const describeReference = (reference: CustomerReference): string =>
  Object.entries(reference)
    .map(([field, value]) => `${field}=${JSON.stringify(value)}`)
    .join(', ');

/**
 * Finds the customer an inbound message is about, through the write-side index of external ids (links made
 * through the API count too): fresh as soon as a link's command answered, with no read model to wait for.
 * A customer created from the ERP is also found by its derived id.
 */
export class CustomerMatcher {
  constructor(private readonly index: Pick<ExternalReferenceIndex, 'holderOf'>) {}

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
    return (await this.index.holderOf(system, externalId.trim()))?.customerId;
  }
}
