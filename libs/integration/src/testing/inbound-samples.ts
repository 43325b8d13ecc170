import type {
  ErpCustomerDeactivated,
  ErpCustomerUpserted,
  InvoiceCredited,
  InvoiceIssued,
  InvoicePaid,
  InvoiceVoided,
} from '../inbound/inbound-messages';
import type { IntakeInteractionLogged, IntakeLeadCaptured } from '../inbound/intake-messages';

/** The samples docs/integration.md shows an ERP, billing or channel team; the specs check them against the schemas. */
export const ERP_UPSERTED: ErpCustomerUpserted = {
  specversion: '1.0',
  id: 'erp-7f3c1a52-0001',
  source: 'urn:acme:erp',
  type: 'erp.customer.upserted.v1',
  subject: '100234',
  time: '2026-11-23T09:00:00Z',
  datacontenttype: 'application/json',
  data: {
    erpCustomerId: '100234',
    kind: 'company',
    name: 'Müller Maschinenbau GmbH',
    email: 'einkauf@mueller-maschinenbau.example',
    phone: '+49 711 123456',
    country: 'DE',
    industry: 'Machinery',
    billingCustomerId: 'cus_8XkQ2',
  },
};

export const ERP_DEACTIVATED: ErpCustomerDeactivated = {
  specversion: '1.0',
  id: 'erp-7f3c1a52-0002',
  source: 'urn:acme:erp',
  type: 'erp.customer.deactivated.v1',
  subject: '100234',
  time: '2026-12-01T16:30:00Z',
  datacontenttype: 'application/json',
  data: { erpCustomerId: '100234', reason: 'Merged into 100480' },
};

const invoice = { invoiceId: 'INV-2026-0042', customer: { billingCustomerId: 'cus_8XkQ2', erpCustomerId: '100234' } };

export const INVOICE_ISSUED: InvoiceIssued = {
  specversion: '1.0',
  id: 'bill-5e9d-0001',
  source: 'urn:acme:billing',
  type: 'billing.invoice.issued.v1',
  subject: 'INV-2026-0042',
  time: '2026-11-24T08:00:00Z',
  datacontenttype: 'application/json',
  data: { ...invoice, amount: '1190.00', currency: 'EUR', issuedAt: '2026-11-24T08:00:00Z', dueDate: '2026-12-08' },
};

export const INVOICE_PAID: InvoicePaid = {
  ...INVOICE_ISSUED,
  id: 'bill-5e9d-0002',
  type: 'billing.invoice.paid.v1',
  time: '2026-11-30T10:12:00Z',
  data: {
    ...invoice,
    amount: '1190.00',
    currency: 'EUR',
    paidAt: '2026-11-30T10:12:00Z',
    lines: [
      { sku: 'PRS-SRV', name: 'Press service, yearly', category: 'services', quantity: '1', unitPrice: '990.00', amount: '990.00' },
      { sku: 'FLT-10', name: 'Filter cartridge', category: 'spare-parts', quantity: '4', unitPrice: '50.00', amount: '200.00' },
    ],
  },
};

export const INVOICE_CREDITED: InvoiceCredited = {
  ...INVOICE_ISSUED,
  id: 'bill-5e9d-0004',
  type: 'billing.invoice.credited.v1',
  time: '2026-12-01T09:00:00Z',
  data: { ...invoice, creditNoteId: 'CN-2026-0006', lines: [{ sku: 'FLT-10', quantity: '1' }], creditedAt: '2026-12-01T09:00:00Z' },
};

export const INVOICE_VOIDED: InvoiceVoided = {
  ...INVOICE_ISSUED,
  id: 'bill-5e9d-0003',
  type: 'billing.invoice.voided.v1',
  time: '2026-12-02T09:00:00Z',
  data: { ...invoice, voidedAt: '2026-12-02T09:00:00Z', reason: 'Credit note CN-2026-0007' },
};

export const INTAKE_CALL: IntakeInteractionLogged = {
  specversion: '1.0',
  id: 'call-2026-12-03-00017',
  source: 'urn:acme:telephony',
  type: 'intake.interaction.logged.v1',
  time: '2026-12-03T10:05:00Z',
  datacontenttype: 'application/json',
  data: {
    contact: { phone: '+49 711 123456', name: 'Jana Novak' },
    channel: 'phone',
    direction: 'inbound',
    occurredAt: '2026-12-03T10:01:00Z',
    subject: 'Asked about delivery times',
    summary: 'Wants the spare parts before the plant shutdown on 20 December.',
    outcome: 'Call back with a date',
  },
};

export const INTAKE_LEAD: IntakeLeadCaptured = {
  specversion: '1.0',
  id: 'form-9c41-0001',
  source: 'urn:acme:website',
  type: 'intake.lead.captured.v1',
  time: '2026-12-03T11:20:00Z',
  datacontenttype: 'application/json',
  data: {
    contact: { email: 'j.novak@example.com', name: 'Jana Novak', phone: '+420 601 234 567' },
    source: { system: 'website', channel: 'web', campaign: 'winter-service-2026', referrer: 'https://www.example.com/service' },
    capturedAt: '2026-12-03T11:19:30Z',
    message: 'Please send a quote for the yearly maintenance of two presses.',
  },
};

export const INBOUND_SAMPLES = [
  ERP_UPSERTED,
  ERP_DEACTIVATED,
  INVOICE_ISSUED,
  INVOICE_PAID,
  INVOICE_CREDITED,
  INVOICE_VOIDED,
  INTAKE_CALL,
  INTAKE_LEAD,
] as const;
