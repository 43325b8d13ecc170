import { CustomerIsArchived, CustomerNotFound } from '../customer/customer.errors';
import { DealNotFound } from '../deal/deal.errors';
import { InvalidCalendarDate, InvalidInstant } from '../shared/calendar';
import { InvalidChoice } from '../shared/choice';
import { InvalidRecordId } from '../shared/identifiers';
import { TextRequired, TextTooLong } from '../shared/text';
import { spec, TEST_NOW } from '../testing/given-when-then';
import type { AmendInteraction, InteractionCommand } from './interaction.commands';
import { interactionDecider } from './interaction.decider';
import type { Channel } from './interaction.events';
import { DealOfAnotherCustomer, InteractionAlreadyLogged, InteractionIsDeleted, InteractionNotFound } from './interaction.errors';
import {
  CUSTOMER_ID,
  DEAL_ID,
  INTERACTION_ID,
  interactionCommand,
  interactionDeleted,
  interactionLogged,
  logCommand,
} from './interaction.fixtures';

const interaction = spec(interactionDecider);
const OTHER_CUSTOMER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('LogInteraction', () => {
  it('logs an interaction with everything known about it', () =>
    interaction
      .given([])
      .when(
        logCommand({
          channel: 'meeting',
          direction: 'inbound',
          occurredAt: '2025-02-10T15:30:00+01:00',
          subject: ' Kick-off ',
          summary: 'Walked through the fleet plan.',
          outcome: 'Offer requested',
          followUpDueDate: '2025-02-17',
          dealId: DEAL_ID,
          deal: { customerId: CUSTOMER_ID },
        }),
      )
      .then([
        interactionLogged({
          dealId: DEAL_ID,
          channel: 'meeting',
          direction: 'inbound',
          subject: 'Kick-off',
          summary: 'Walked through the fleet plan.',
          outcome: 'Offer requested',
          followUpDueDate: '2025-02-17',
        }),
      ]));

  it('logs an interaction about no deal, with nulls for what was not given', () =>
    interaction.given([]).when(logCommand()).then([interactionLogged()]));

  it('refuses to log an interaction twice', () =>
    interaction.given([interactionLogged()]).when(logCommand()).thenThrows(InteractionAlreadyLogged, 'interaction-already-logged'));

  it('refuses a customer that does not exist', () =>
    interaction
      .given([])
      .when(logCommand({ customer: null }))
      .thenThrows(CustomerNotFound, 'customer-not-found'));

  it('refuses an archived customer', () =>
    interaction
      .given([])
      .when(logCommand({ customer: { status: 'archived' } }))
      .thenThrows(CustomerIsArchived, 'customer-archived'));

  it('refuses a deal that does not exist', () =>
    interaction
      .given([])
      .when(logCommand({ dealId: DEAL_ID, deal: null }))
      .thenThrows(DealNotFound, 'deal-not-found'));

  it('refuses a deal of another customer', () =>
    interaction
      .given([])
      .when(logCommand({ dealId: DEAL_ID, deal: { customerId: OTHER_CUSTOMER_ID } }))
      .thenThrows(DealOfAnotherCustomer, 'deal-of-another-customer'));

  it.each([
    ['an interaction id that is not a UUID', { interactionId: 'call-1' }, InvalidRecordId],
    ['a customer id that is not a UUID', { customerId: 'acme' }, InvalidRecordId],
    ['a deal id that is not a UUID', { dealId: 'D-1', deal: { customerId: CUSTOMER_ID } }, InvalidRecordId],
    ['an unknown channel', { channel: 'fax' as Channel }, InvalidChoice],
    ['an unknown direction', { direction: 'sideways' as 'inbound' }, InvalidChoice],
    ['a moment without a time zone', { occurredAt: '2025-02-10T14:30:00' }, InvalidInstant],
    ['a blank subject', { subject: ' ' }, TextRequired],
    ['a summary longer than 10000 characters', { summary: 'x'.repeat(10_001) }, TextTooLong],
    ['a blank outcome', { outcome: '' }, TextRequired],
    ['a follow-up date that does not exist', { followUpDueDate: '2025-13-01' }, InvalidCalendarDate],
  ])('refuses %s', (_case, data, error) => interaction.given([]).when(logCommand(data)).thenThrows(error));
});

describe('AmendInteraction', () => {
  const amend = (data: Omit<AmendInteraction['data'], 'interactionId'>) =>
    interactionCommand('AmendInteraction', { interactionId: INTERACTION_ID, ...data });
  const logged = interactionLogged({ subject: 'Call', outcome: 'No answer' });

  it('records only the fields that change, each with its old and new value', () =>
    interaction
      .given([logged])
      .when(amend({ channel: 'phone', direction: 'inbound', subject: 'Call back', summary: 'Asked for a discount.', outcome: null }))
      .then([
        {
          type: 'InteractionAmended',
          data: {
            interactionId: INTERACTION_ID,
            changes: {
              direction: { from: 'outbound', to: 'inbound' },
              subject: { from: 'Call', to: 'Call back' },
              summary: { from: null, to: 'Asked for a discount.' },
              outcome: { from: 'No answer', to: null },
            },
          },
        },
      ]));

  it('moves the moment and the follow-up date', () =>
    interaction
      .given([logged])
      .when(amend({ occurredAt: '2025-02-10T16:00:00Z', followUpDueDate: '2025-03-01' }))
      .then([
        {
          type: 'InteractionAmended',
          data: {
            interactionId: INTERACTION_ID,
            changes: {
              occurredAt: { from: '2025-02-10T14:30:00.000Z', to: '2025-02-10T16:00:00.000Z' },
              followUpDueDate: { from: null, to: '2025-03-01' },
            },
          },
        },
      ]));

  it('records nothing when every value is already the current one', () =>
    interaction
      .given([logged])
      .when(amend({ channel: 'phone', occurredAt: '2025-02-10T15:30:00+01:00', subject: ' Call ', followUpDueDate: null }))
      .then([]));

  it('compares with the latest amendment', () =>
    interaction
      .given([
        logged,
        { type: 'InteractionAmended', data: { interactionId: INTERACTION_ID, changes: { subject: { from: 'Call', to: 'Visit' } } } },
      ])
      .when(amend({ subject: 'Visit' }))
      .then([]));

  it.each([
    ['an unknown channel', { channel: 'fax' as Channel }, InvalidChoice],
    ['a cleared channel', { channel: null as unknown as Channel }, InvalidChoice],
    ['a cleared moment', { occurredAt: null as unknown as string }, InvalidInstant],
    ['a blank subject (null clears it)', { subject: '' }, TextRequired],
    ['an invalid follow-up date', { followUpDueDate: 'tomorrow' }, InvalidCalendarDate],
  ])('refuses %s', (_case, data, error) => interaction.given([logged]).when(amend(data)).thenThrows(error));
});

describe('DeleteInteraction', () => {
  it('deletes the interaction, with a reason', () =>
    interaction
      .given([interactionLogged()])
      .when(interactionCommand('DeleteInteraction', { interactionId: INTERACTION_ID, reason: 'Logged on the wrong customer' }))
      .then([
        {
          type: 'InteractionDeleted',
          data: { interactionId: INTERACTION_ID, reason: 'Logged on the wrong customer', deletedAt: TEST_NOW.toISOString() },
        },
      ]));

  it('deletes the interaction without a reason', () =>
    interaction
      .given([interactionLogged()])
      .when(interactionCommand('DeleteInteraction', { interactionId: INTERACTION_ID }))
      .then([{ type: 'InteractionDeleted', data: { interactionId: INTERACTION_ID, reason: null, deletedAt: TEST_NOW.toISOString() } }]));

  it('refuses a blank reason', () =>
    interaction
      .given([interactionLogged()])
      .when(interactionCommand('DeleteInteraction', { interactionId: INTERACTION_ID, reason: '' }))
      .thenThrows(TextRequired));
});

const commandsToAnExistingInteraction: readonly InteractionCommand[] = [
  interactionCommand('AmendInteraction', { interactionId: INTERACTION_ID, subject: 'Call' }),
  interactionCommand('DeleteInteraction', { interactionId: INTERACTION_ID }),
];

describe('an interaction that does not exist', () => {
  it.each(commandsToAnExistingInteraction.map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    interaction.given([]).when(command).thenThrows(InteractionNotFound, 'interaction-not-found'),
  );
});

describe('a deleted interaction', () => {
  it.each(commandsToAnExistingInteraction.map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    interaction.given([interactionLogged(), interactionDeleted]).when(command).thenThrows(InteractionIsDeleted, 'interaction-deleted'),
  );

  it('refuses to be logged again', () =>
    interaction.given([interactionLogged(), interactionDeleted]).when(logCommand()).thenThrows(InteractionAlreadyLogged));
});
