import { comparableContactPoint } from '@ledgerline/domain';
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

/** An intake message's contact: its customer id, external ids and contact points (compared as the matcher does). */
const contactNames = (contact: unknown): string[] => {
  if (contact === null || typeof contact !== 'object') return [];
  const { externalRefs, email, phone } = contact as { externalRefs?: unknown; email?: unknown; phone?: unknown };
  const references =
    externalRefs !== null && typeof externalRefs === 'object'
      ? Object.entries(externalRefs).flatMap(([system, id]) => (typeof id === 'string' ? [`${system}:${id.trim()}`] : []))
      : [];
  const points = [
    ...(typeof email === 'string' ? [`email:${comparableContactPoint({ kind: 'email', value: email })}`] : []),
    ...(typeof phone === 'string' ? [`phone:${comparableContactPoint({ kind: 'phone', value: phone })}`] : []),
  ];
  return [...namesIn(contact), ...references, ...points];
};

const dataOf = (value: Buffer | null): unknown => {
  try {
    return (JSON.parse(value?.toString('utf8') ?? '') as { data?: unknown } | null)?.data;
  } catch {
    return undefined; // a malformed record is named by its key alone; it goes to the DLQ anyway
  }
};

/**
 * What makes two records of a partition "about the same record", so that they must be applied in order: the
 * message key, and every id the message names its customer (or invoice) by, and an intake message's contact points. Keys alone would not do: a producer
 * may key one customer's invoices by its billing id and others by its ERP id, and the two must not overlap.
 * The names stay in memory; they are never logged.
 */
export function recordIdentities(record: Pick<KafkaMessage, 'key' | 'value'>): string[] {
  const data = dataOf(record.value);
  const named = [
    ...namesIn(data),
    ...namesIn(data !== null && typeof data === 'object' ? (data as { customer?: unknown }).customer : undefined),
    ...contactNames(data !== null && typeof data === 'object' ? (data as { contact?: unknown }).contact : undefined),
  ];
  const key = record.key === null ? [] : [`key:${record.key.toString('utf8')}`];
  return [...new Set([...key, ...named])];
}
