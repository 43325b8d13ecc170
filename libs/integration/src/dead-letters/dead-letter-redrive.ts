import type { InboundHandler } from '../inbound/inbound-handler';
import { InboundRejection } from '../inbound/inbound-rejection';
import { DLQ_HEADERS } from '../inbound/dead-letter';
import type { DeadLetterRecord } from './dead-letter-records';
import type { RedriveLog, RedriveState, SettledRedrive } from './redrive-log';

/** What a redrive did to one dead letter. */
export type RedriveOutcome =
  | Readonly<{ status: 'applied'; messageId: string; events: number; customerId?: string }>
  | Readonly<{ status: 'unchanged'; messageId: string }>
  | Readonly<{ status: 'rejected'; code: string; reason: string }>
  | Readonly<{ status: 'redriven-before'; before: NonNullable<RedriveState['redriven']> }>
  /** Transient (the store away): nothing recorded, it may be redriven again. */
  | Readonly<{ status: 'failed'; reason: string }>;

const originalTopic = (record: DeadLetterRecord): string => record.headers['dlq-original-topic'] ?? record.dlqTopic.replace(/\.dlq$/, '');

/** The headers the record came with, without what the dead-lettering added. */
const originalHeaders = (record: DeadLetterRecord) =>
  Object.fromEntries(Object.entries(record.headers).filter(([name]) => !(DLQ_HEADERS as readonly string[]).includes(name)));

/**
 * Sends dead letters back through the intake (the consumer's own InboundHandler, in this process, so that each one's
 * effect can be told), each once: a settled redrive is recorded in the RedriveLog, and a second one skips it. A record
 * rejected again stays where it is in the DLQ, unrecorded, to be redriven after the next fix.
 */
export class DeadLetterRedrive {
  constructor(
    private readonly handler: Pick<InboundHandler, 'handle'>,
    private readonly log: RedriveLog,
  ) {}

  async redrive(record: DeadLetterRecord, now = new Date()): Promise<RedriveOutcome> {
    const before = await this.log.find(record);
    if (before !== null) return { status: 'redriven-before', before };
    let settled: { messageId: string; outcome: SettledRedrive; events: number; customerId?: string };
    try {
      const outcome = await this.handler.handle(originalTopic(record), { value: record.value, headers: originalHeaders(record) }, now);
      const status = outcome.appended > 0 ? 'applied' : 'unchanged';
      settled = { messageId: outcome.message.id, outcome: status, events: outcome.appended, customerId: outcome.customerId };
    } catch (error) {
      const rejection = InboundRejection.of(error);
      if (rejection) return { status: 'rejected', code: rejection.code, reason: rejection.message };
      return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    await this.log.record(record, settled.messageId, settled.outcome, now);
    return settled.outcome === 'applied'
      ? { status: 'applied', messageId: settled.messageId, events: settled.events, customerId: settled.customerId }
      : { status: 'unchanged', messageId: settled.messageId };
  }
}
