import { ERP_UPSERTED } from '../testing/inbound-samples';
import type { DeadLetterRecord } from './dead-letter-records';
import { deadLetterDocument, deadLetterLine, redriveLine } from './dead-letter-report';

const record: DeadLetterRecord = {
  dlqTopic: 'erp.customer.v1.dlq',
  partition: 2,
  offset: '12',
  key: Buffer.from('100234'),
  value: Buffer.from(JSON.stringify(ERP_UPSERTED)),
  headers: {
    'dlq-error-type': 'rejected',
    'dlq-error-code': 'customer-archived',
    'dlq-reason': 'Customer 3f2b is archived',
    'dlq-original-topic': 'erp.customer.v1',
    'dlq-original-partition': '1',
    'dlq-original-offset': '41',
    'dlq-failed-at': '2026-12-01T10:00:00.000Z',
  },
};
const personalData = [ERP_UPSERTED.data.email, ERP_UPSERTED.data.phone, ERP_UPSERTED.data.name] as string[];

describe('what the dlq commands print', () => {
  it('lists a dead letter by where, when, why and which message, without its data', () => {
    const line = deadLetterLine(record, null);
    expect(line).toBe(
      '2:12  2026-12-01T10:00:00.000Z  rejected/customer-archived  erp.customer.upserted.v1 erp-7f3c1a52-0001  from erp.customer.v1[1]@41  not redriven',
    );
    expect(personalData.filter((value) => line.includes(value))).toEqual([]);
  });

  it('lists a dead letter that is no CloudEvent as such, and says when it was redriven', () => {
    const before = {
      dlqTopic: record.dlqTopic,
      partition: 2,
      offset: '12',
      messageId: null,
      outcome: 'unchanged' as const,
      redrivenAt: '2026-12-03T09:00:00.000Z',
    };
    expect(deadLetterLine({ ...record, value: Buffer.from('oops') }, before)).toMatch(
      /\(not a CloudEvent\) {2}from .* {2}redriven 2026-12-03T09:00:00.000Z \(unchanged\)$/,
    );
  });

  it('shows everything when asked for one dead letter', () => {
    expect(JSON.parse(deadLetterDocument(record, null))).toEqual({
      address: '2:12',
      redriven: null,
      headers: record.headers,
      key: '100234',
      value: ERP_UPSERTED,
    });
  });

  it.each([
    [{ status: 'applied', messageId: 'm', events: 3, customerId: 'c-1' }, ': applied, 3 event(s) on customer c-1'],
    [{ status: 'unchanged', messageId: 'm' }, ': unchanged (nothing to change, or applied before)'],
    [
      { status: 'rejected', code: 'customer-archived', reason: 'Customer c-1 is archived' },
      ': rejected again, customer-archived: Customer c-1 is archived',
    ],
    [{ status: 'failed', reason: 'connection refused' }, ': failed, not recorded (try again): connection refused'],
  ] as const)('says what a redrive did: %j', (outcome, said) => {
    expect(redriveLine(record, outcome)).toBe(`2:12  erp.customer.upserted.v1 erp-7f3c1a52-0001${said}`);
  });
});
