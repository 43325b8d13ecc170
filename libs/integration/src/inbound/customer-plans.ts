import { customerCommandsAt, type CustomerCommandBuilder, type CustomerPlan } from '@ledgerline/application';
import type { AddressType, CustomerState } from '@ledgerline/domain';
import type { ErpCustomerDeactivated, ErpCustomerUpserted, InvoiceCredited, InvoicePaid, InvoiceVoided } from './inbound-messages';

/** Inbound messages that change a customer (an issued invoice changes nothing). */
export type PlannedMessage = ErpCustomerUpserted | ErpCustomerDeactivated | InvoicePaid | InvoiceCredited | InvoiceVoided;

export const ERP_SYSTEM = 'erp';
export const BILLING_SYSTEM = 'billing';
export const DEACTIVATED_IN_ERP = 'Deactivated in the ERP';

const withoutUndefined = <T extends object>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
const withoutNull = <T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], null> } =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };

/**
 * ERP master data: an unknown customer is registered (as a customer, linked to its ERP id, with the addresses the
 * message gives); a known one gets the profile fields and addresses the message carries (absent: left as they are,
 * null: cleared; only what differs is recorded).
 */
function upsert({ data }: ErpCustomerUpserted, customerId: string, command: CustomerCommandBuilder): CustomerPlan {
  const { erpCustomerId, kind, name, email, phone, country, industry, billingCustomerId, addresses = {} } = data;
  const profile = withoutUndefined({ name, email, phone, country, industry });
  const billing =
    billingCustomerId === undefined
      ? []
      : [
          billingCustomerId === null
            ? command('UnlinkExternalReference', { customerId, system: BILLING_SYSTEM })
            : command('LinkExternalReference', { customerId, system: BILLING_SYSTEM, externalId: billingCustomerId }),
        ];
  const addressChanges = Object.entries(addresses).map(([addressType, address]) =>
    address === null
      ? command('RemoveCustomerAddress', { customerId, addressType: addressType as AddressType })
      : command('SetCustomerAddress', { customerId, addressType: addressType as AddressType, address }),
  );
  return (state) =>
    state.status === 'none'
      ? [
          command('RegisterCustomer', {
            customerId,
            kind,
            name,
            ...withoutNull(profile),
            addresses: withoutNull(addresses),
            lifecycleStage: 'customer',
          }),
          command('LinkExternalReference', { customerId, system: ERP_SYSTEM, externalId: erpCustomerId }),
          ...billing,
        ]
      : [
          command('UpdateCustomerProfile', { customerId, ...profile }),
          command('LinkExternalReference', { customerId, system: ERP_SYSTEM, externalId: erpCustomerId }),
          ...billing,
          ...addressChanges,
        ];
}

const hasPurchase = (state: CustomerState, orderId: string): boolean =>
  state.status !== 'none' && state.purchases.some((purchase) => purchase.orderId === orderId.trim());

/** The mapping of each inbound message to customer commands: pure, so it is specified given/when/then. */
export function planFor(message: PlannedMessage, customerId: string, now: Date): CustomerPlan {
  const command = customerCommandsAt(now);
  switch (message.type) {
    case 'erp.customer.upserted.v1':
      return upsert(message, customerId, command);
    case 'erp.customer.deactivated.v1': {
      const reason = message.data.reason ?? DEACTIVATED_IN_ERP;
      // Deactivating twice ends where the first did: no error for a customer archived (or erased) already.
      return (state) =>
        state.status === 'archived' || state.status === 'erased' ? [] : [command('ArchiveCustomer', { customerId, reason })];
    }
    case 'billing.invoice.paid.v1': {
      const { invoiceId, amount, currency, paidAt, lines } = message.data;
      return () => [command('RecordPurchase', { customerId, orderId: invoiceId, amount, currency, occurredAt: paidAt, items: lines })];
    }
    case 'billing.invoice.credited.v1': {
      const { invoiceId, creditNoteId, lines, creditedAt } = message.data;
      return () => [
        command('ReturnPurchaseItems', { customerId, orderId: invoiceId, returnId: creditNoteId, items: lines, returnedAt: creditedAt }),
      ];
    }
    case 'billing.invoice.voided.v1': {
      const { invoiceId, voidedAt } = message.data;
      // An invoice voided before it was paid recorded no purchase: there is nothing to reverse.
      return (state) =>
        state.status === 'active' && !hasPurchase(state, invoiceId)
          ? []
          : [command('ReversePurchase', { customerId, orderId: invoiceId, reversedAt: voidedAt })];
    }
  }
}
