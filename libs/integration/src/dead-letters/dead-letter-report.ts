import { deadLetterAddress, type DeadLetterRecord } from './dead-letter-records';
import type { RedriveOutcome } from './dead-letter-redrive';
import type { RedriveState } from './redrive-log';

type Envelope = { id?: unknown; type?: unknown };

const envelopeOf = (record: DeadLetterRecord): Envelope => {
  try {
    const parsed = JSON.parse(record.value?.toString('utf8') ?? '') as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Envelope) : {};
  } catch {
    return {};
  }
};

/** The CloudEvent type and id, which name a message without its data (ids are opaque: never personal data). */
const named = (record: DeadLetterRecord): string => {
  const { id, type } = envelopeOf(record);
  return typeof type === 'string' && typeof id === 'string' ? `${type} ${id}` : '(not a CloudEvent)';
};

const redriven = (before: NonNullable<RedriveState['redriven']>) => `redriven ${before.redrivenAt} (${before.outcome})`;

/**
 * One line per dead letter for `dlq list`: where it is, when and why it failed (type and code: the reason in words
 * may quote the record), what it is, and whether it was redriven. Neither key nor value: `dlq show` prints those.
 */
export function deadLetterLine(record: DeadLetterRecord, before: RedriveState['redriven']): string {
  const { headers } = record;
  const from = `${headers['dlq-original-topic'] ?? '?'}[${headers['dlq-original-partition'] ?? '?'}]@${headers['dlq-original-offset'] ?? '?'}`;
  return [
    deadLetterAddress(record),
    headers['dlq-failed-at'] ?? '?',
    `${headers['dlq-error-type'] ?? '?'}/${headers['dlq-error-code'] ?? '?'}`,
    named(record),
    `from ${from}`,
    before === null ? 'not redriven' : redriven(before),
  ].join('  ');
}

/** `dlq show`: everything, on the operator's request, as JSON (the value parsed when it is JSON). */
export function deadLetterDocument(record: DeadLetterRecord, before: RedriveState['redriven']): string {
  const text = record.value?.toString('utf8') ?? null;
  let value: unknown = text;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    // not JSON: shown as the text it is
  }
  const document = {
    address: deadLetterAddress(record),
    redriven: before,
    headers: record.headers,
    key: record.key?.toString('utf8') ?? null,
    value,
  };
  return JSON.stringify(document, null, 2);
}

/** One line per redriven dead letter: what happened to it. */
export function redriveLine(record: DeadLetterRecord, outcome: RedriveOutcome): string {
  const what = `${deadLetterAddress(record)}  ${named(record)}`;
  switch (outcome.status) {
    case 'applied':
      return `${what}: applied, ${outcome.events} event(s)${outcome.customerId ? ` on customer ${outcome.customerId}` : ''}`;
    case 'unchanged':
      return `${what}: unchanged (nothing to change, or applied before)`;
    case 'rejected':
      return `${what}: rejected again, ${outcome.code}: ${outcome.reason}`;
    case 'redriven-before':
      return `${what}: skipped, ${redriven(outcome.before)}`;
    case 'failed':
      return `${what}: failed, not recorded (try again): ${outcome.reason}`;
  }
}
