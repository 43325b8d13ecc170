import { ERP_UPSERTED, INTAKE_LEAD, INVOICE_PAID } from '../testing/inbound-samples';
import { recordIdentities } from './record-identities';

const record = (key: string | null, value: unknown) => ({
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

describe('the identities of an inbound record', () => {
  it('given an ERP upsert, are its key, its ERP id and the billing id it links', () =>
    expect(recordIdentities(record('100234', ERP_UPSERTED))).toEqual(['key:100234', 'erp:100234', 'billing:cus_8XkQ2']));

  it('given an invoice, are its key, the invoice and every id its customer is named by', () =>
    expect(recordIdentities(record('cus_8XkQ2', INVOICE_PAID))).toEqual([
      'key:cus_8XkQ2',
      'invoice:INV-2026-0042',
      'erp:100234',
      'billing:cus_8XkQ2',
    ]));

  it('given an intake message, are its key and everything its contact may be matched by, compared as the matcher does', () => {
    const contact = { customerId: 'c-1', externalRefs: { helpdesk: ' u-1832 ' }, email: 'J.Novak@Example.com', phone: '+420 601 234 567' };
    expect(recordIdentities(record('form-1', { ...INTAKE_LEAD, data: { ...INTAKE_LEAD.data, contact } }))).toEqual([
      'key:form-1',
      'customer:c-1',
      'helpdesk:u-1832',
      'email:j.novak@example.com',
      'phone:+420601234567',
    ]);
  });

  it('given ids with blanks around them, names them as the matcher does (trimmed)', () =>
    expect(recordIdentities(record(null, { data: { erpCustomerId: ' 100234 ' } }))).toEqual(['erp:100234']));

  it('given a value that is not JSON, is the key alone', () =>
    expect(recordIdentities(record('k', '{"specversion": '))).toEqual(['key:k']));

  it('given no key and nothing it can read, is nothing: the record waits for no other', () =>
    expect(recordIdentities(record(null, 'null'))).toEqual([]));
});
