import { customerCommandsAt, type CustomerPlan, type InteractionRequest } from '@ledgerline/application';
import type { IntakeContact, IntakeMessage, LeadSource } from './intake-messages';

const SUBJECT_LENGTH = 200;

/** Without a name, a lead is called by what reaches them, so that people can tell leads apart in a list. */
const nameOf = ({ name, email, phone, externalRefs }: IntakeContact): string =>
  (name ?? email ?? phone ?? Object.entries(externalRefs ?? {}).map(([system, id]) => `${system} ${id}`)[0] ?? '').trim();

/**
 * The lead a message about someone unknown registers: a person at lifecycle stage `lead`, with the e-mail, phone
 * and external ids the message gives. A customer that exists by then (a redelivery, a second message about the
 * same person) is left as it is: a web form does not overwrite what sales or the ERP recorded.
 */
export function leadPlan(contact: IntakeContact, customerId: string, now: Date): CustomerPlan {
  const command = customerCommandsAt(now);
  const { email, phone } = contact;
  return (state) =>
    state.status !== 'none'
      ? []
      : [
          command('RegisterCustomer', {
            customerId,
            kind: 'person',
            name: nameOf(contact),
            ...(email === undefined ? {} : { email }),
            ...(phone === undefined ? {} : { phone }),
            lifecycleStage: 'lead',
          }),
          ...Object.entries(contact.externalRefs ?? {}).map(([system, externalId]) =>
            command('LinkExternalReference', { customerId, system, externalId }),
          ),
        ];
}

const leadSubject = ({ system, campaign }: LeadSource): string =>
  `Lead from ${system}${campaign ? `, campaign ${campaign}` : ''}`.slice(0, SUBJECT_LENGTH);

/** Free text stays in the interaction, where erasure reaches it: a referrer URL may carry personal data too. */
const leadSummary = (message: string | null | undefined, { referrer }: LeadSource): string | undefined =>
  [message, referrer ? `Referrer: ${referrer}` : undefined].filter((part): part is string => !!part?.trim()).join('\n\n') || undefined;

const present = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/**
 * The interaction an intake message logs on its customer: the call, e-mail or chat itself, or, for a lead, its
 * capture (the source as subject, what the person wrote as summary), so that every lead's source is on record.
 */
export function intakeInteraction(message: IntakeMessage, interactionId: string, customerId: string): InteractionRequest {
  if (message.type === 'intake.lead.captured.v1') {
    const { source, capturedAt } = message.data;
    return {
      type: 'LogInteraction',
      data: {
        interactionId,
        customerId,
        channel: source.channel ?? 'web',
        direction: 'inbound',
        occurredAt: capturedAt,
        subject: leadSubject(source),
        summary: leadSummary(message.data.message, source),
      },
    };
  }
  const { channel, direction, occurredAt, subject, summary, outcome } = message.data;
  return {
    type: 'LogInteraction',
    data: {
      interactionId,
      customerId,
      channel,
      direction: direction ?? 'inbound',
      occurredAt,
      subject: present(subject),
      summary: present(summary),
      outcome: present(outcome),
    },
  };
}
