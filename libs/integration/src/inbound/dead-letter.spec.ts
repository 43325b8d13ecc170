import { deadLetter } from './dead-letter';
import { InboundRejection } from './inbound-rejection';

describe('a dead letter', () => {
  const record = {
    key: Buffer.from('cus_8XkQ2'),
    value: Buffer.from('{"not": "valid"'),
    headers: { 'correlation-id': 'corr-7', 'dlq-reason': 'from an earlier trip through the DLQ' },
    offset: '41',
  };
  const failedAt = new Date('2026-11-30T10:12:00.000Z');

  it('is the original record on <topic>.dlq, with why and where it failed', () => {
    const rejection = InboundRejection.rejected('customer-not-found', 'No customer matches billingCustomerId="cus_8XkQ2"');
    expect(deadLetter('billing.invoice.v1', 2, record, rejection, failedAt)).toEqual({
      topic: 'billing.invoice.v1.dlq',
      message: {
        key: record.key,
        value: record.value,
        headers: {
          'correlation-id': 'corr-7',
          'dlq-reason': 'No customer matches billingCustomerId="cus_8XkQ2"',
          'dlq-error-type': 'rejected',
          'dlq-error-code': 'customer-not-found',
          'dlq-original-topic': 'billing.invoice.v1',
          'dlq-original-partition': '2',
          'dlq-original-offset': '41',
          'dlq-failed-at': '2026-11-30T10:12:00.000Z',
        },
      },
    });
  });

  it('keeps a long reason short enough for a header', () => {
    const rejection = InboundRejection.malformed('schema-violation', 'x'.repeat(10_000));
    expect(String(deadLetter('erp.customer.v1', 0, record, rejection, failedAt).message.headers?.['dlq-reason'])).toHaveLength(2_000);
  });
});
