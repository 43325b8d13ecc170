import {
  customerPlanDecider,
  followCustomerPlan,
  streamIds,
  type CommandContext,
  type DeciderRunner,
  type ExternalReferenceIndex,
  type LeadIds,
} from '@ledgerline/application';
import { CustomerNotFound } from '@ledgerline/domain';
import type { GlobalPosition } from '@ledgerline/event-store';
import type { IHeaders } from 'kafkajs';
import type { CommandSender } from '../command-sender';
import { ContactMatcher, type ContactPointLookup } from './contact-matcher';
import { planFor } from './customer-plans';
import { CustomerMatcher, describeReference } from './customer-matcher';
import { IntakeHandler } from './intake-handler';
import { readInboundMessage, type InboundMessage } from './inbound-messages';
import { InboundRejection } from './inbound-rejection';

export type InboundRecord = Readonly<{ value: Buffer | null; headers?: IHeaders }>;

export type InboundOutcome = Readonly<{
  message: InboundMessage;
  /** The customer the message was applied to; undefined for a message that changes nothing (an issued invoice). */
  customerId?: string;
  /** Events appended: 0 for a message applied before, or one that changes nothing now. */
  appended: number;
  position?: GlobalPosition;
}>;

const header = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

/** Who and what the resulting events name: the producing system through its topic, the message as cause and key. */
export function inboundContext(topic: string, message: InboundMessage, headers: IHeaders | undefined, now: Date): CommandContext {
  return {
    actor: { type: 'integration', id: topic, name: message.source, roles: ['integration'], authMethod: 'kafka' },
    correlationId: header(headers, 'correlation-id') ?? message.id,
    causationId: message.id,
    idempotencyKey: message.id,
    source: `kafka:${topic}`,
    now,
  };
}

/** What the inbound handler writes with and looks up in. */
export type InboundServices = Readonly<{
  runner: DeciderRunner;
  index: ExternalReferenceIndex;
  /** The intake's matching by e-mail and phone. */
  contacts: ContactPointLookup;
  leadIds: Pick<LeadIds, 'of'>;
  /** Interactions go through the command bus, which adds the snapshots of their customer. */
  send: CommandSender;
}>;

/**
 * One inbound record to its effect. Throws an InboundRejection for a record that can never succeed (it goes
 * to the dead-letter queue); any other error is taken as transient by the consumer, which tries again.
 */
export class InboundHandler {
  private readonly runner: DeciderRunner;
  private readonly index: ExternalReferenceIndex;
  private readonly matcher: CustomerMatcher;
  private readonly intake: IntakeHandler;

  constructor({ runner, index, contacts, leadIds, send }: InboundServices) {
    this.runner = runner;
    this.index = index;
    this.matcher = new CustomerMatcher(index);
    this.intake = new IntakeHandler(runner, index, new ContactMatcher(index, contacts, leadIds), send);
  }

  async handle(topic: string, record: InboundRecord, now = new Date()): Promise<InboundOutcome> {
    const message = readInboundMessage(topic, record.value);
    if (message.type === 'billing.invoice.issued.v1') return { message, appended: 0 };
    if (message.type === 'intake.interaction.logged.v1' || message.type === 'intake.lead.captured.v1') {
      try {
        return { message, ...(await this.intake.handle(message, inboundContext(topic, message, record.headers, now))) };
      } catch (error) {
        throw InboundRejection.of(error) ?? error;
      }
    }
    const fromErp = message.type === 'erp.customer.upserted.v1' || message.type === 'erp.customer.deactivated.v1';
    const customerId = await (fromErp ? this.matcher.byErpId(message.data.erpCustomerId) : this.matcher.forInvoice(message.data.customer));
    const plan = followCustomerPlan(planFor(message, customerId, now), now);
    try {
      const outcome = await this.runner.execute(
        customerPlanDecider,
        streamIds.customer(customerId),
        plan,
        inboundContext(topic, message, record.headers, now),
        this.index.guard,
      );
      return { message, customerId, appended: outcome.appended, position: outcome.position };
    } catch (error) {
      if (!(error instanceof CustomerNotFound)) throw InboundRejection.of(error) ?? error;
      const reference = 'customer' in message.data ? message.data.customer : { erpCustomerId: message.data.erpCustomerId };
      throw InboundRejection.rejected(error.code, `No customer matches ${describeReference(reference)}`);
    }
  }
}
