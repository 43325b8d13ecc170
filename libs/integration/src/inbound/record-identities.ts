import type { KafkaMessage } from 'kafkajs';

/** Fields of an inbound message's data that name a customer, or a record of one (an invoice), with their namespace. */
const NAMING_FIELDS = [
  ['customerId', 'customer'],
  ['erpCustomerId', 'erp'],
  ['billingCustomerId', 'billing'],
  ['invoiceId', 'invoice'],
] as const;

const namesIn = (fields: unknown): string[] =>
  fields !== null && typeof fields === 'object'
    ? NAMING_FIELDS.flatMap(([field, namespace]) => {
        const value = (fields as Record<string, unknown>)[field];
        return typeof value === 'string' && value.trim() !== '' ? [`${namespace}:${value.trim()}`] : [];
      })
    : [];

const dataOf = (value: Buffer | null): unknown => {
  try {
    return (JSON.parse(value?.toString('utf8') ?? '') as { data?: unknown } | null)?.data;
  } catch {
    return undefined; // a malformed record is named by its key alone; it goes to the DLQ anyway
  }
};

/**
 * What makes two records of a partition "about the same record", so that they must be applied in order: the
 * message key, and every id the message names its customer (or invoice) by. Keys alone would not do: a producer
 * may key one customer's invoices by its billing id and others by its ERP id, and the two must not overlap.
 * The names stay in memory; they are never logged.
 */
export function recordIdentities(record: Pick<KafkaMessage, 'key' | 'value'>): string[] {
  const data = dataOf(record.value);
  const named = [
    ...namesIn(data),
    ...namesIn(data !== null && typeof data === 'object' ? (data as { customer?: unknown }).customer : undefined),
  ];
  const key = record.key === null ? [] : [`key:${record.key.toString('utf8')}`];
  return [...new Set([...key, ...named])];
}
