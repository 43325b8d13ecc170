import type { Channel, Direction } from '@ledgerline/domain';
import type { Envelope } from './inbound-messages';

/** Who an intake message is about; at least one of customerId, externalRefs, email, phone is set. */
export type IntakeContact = Readonly<{
  customerId?: string;
  externalRefs?: Readonly<Record<string, string>>;
  email?: string;
  phone?: string;
  name?: string;
}>;

export type IntakeInteractionLogged = Envelope<
  'intake.interaction.logged.v1',
  {
    contact: IntakeContact;
    channel: Channel;
    direction?: Direction;
    occurredAt: string;
    subject?: string | null;
    summary?: string | null;
    outcome?: string | null;
  }
>;

export type LeadSource = Readonly<{ system: string; channel?: Channel; campaign?: string | null; referrer?: string | null }>;

export type IntakeLeadCaptured = Envelope<
  'intake.lead.captured.v1',
  { contact: IntakeContact; source: LeadSource; capturedAt: string; message?: string | null }
>;

export type IntakeMessage = IntakeInteractionLogged | IntakeLeadCaptured;
