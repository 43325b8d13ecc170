import { CHANNELS, DIRECTIONS } from '@ledgerline/domain';
import { externalId, instant, nullable, text } from './schema-fragments';

/** Who a message from a telephony, mail or web system is about: Ledgerline matches them in the order of the fields. */
const contact = {
  type: 'object',
  description:
    "Who the message is about, matched in this order: Ledgerline's customer id; an external id any customer holds; " +
    'an active customer with this e-mail, then this phone; else a new lead is registered with what is given',
  anyOf: [{ required: ['customerId'] }, { required: ['externalRefs'] }, { required: ['email'] }, { required: ['phone'] }],
  properties: {
    customerId: { type: 'string', format: 'uuid', description: "Ledgerline's customer id: the customer must exist" },
    externalRefs: {
      type: 'object',
      minProperties: 1,
      maxProperties: 20,
      propertyNames: { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 50 },
      additionalProperties: externalId,
      description: 'Ids of the person in other systems, e.g. {"helpdesk": "u-1832"}; linked on a new lead',
    },
    email: { type: 'string', maxLength: 254, description: 'Compared lower-cased' },
    phone: { type: 'string', maxLength: 50, description: 'Compared by its digits and a leading +' },
    name: { ...text(200), description: "A new lead's name; without it, the lead is named by its e-mail or phone" },
  },
};

const channel = { type: 'string', enum: [...CHANNELS] };
const freeText = nullable({ type: 'string', maxLength: 10_000 });

export const INTAKE_DATA_SCHEMAS = {
  intake_interaction_logged_v1_data: {
    type: 'object',
    required: ['contact', 'channel', 'occurredAt'],
    properties: {
      contact,
      channel,
      direction: { type: 'string', enum: [...DIRECTIONS], default: 'inbound' },
      occurredAt: instant,
      subject: nullable(text(200)),
      summary: { ...freeText, description: 'A transcript, an e-mail body, a chat log' },
      outcome: nullable(text(200)),
    },
  },
  intake_lead_captured_v1_data: {
    type: 'object',
    required: ['contact', 'source', 'capturedAt'],
    properties: {
      contact,
      source: {
        type: 'object',
        required: ['system'],
        description: 'Where the lead came from; recorded on the interaction that logs the capture',
        properties: {
          system: { ...text(100), description: 'e.g. website, landing-pages, trade-fair-app' },
          channel: { ...channel, default: 'web' },
          campaign: nullable(text(100)),
          referrer: nullable({ type: 'string', maxLength: 2_000 }),
        },
      },
      capturedAt: instant,
      message: { ...freeText, description: 'What the person wrote, if anything' },
    },
  },
} as const;
