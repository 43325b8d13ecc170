import type { RecordKind } from '@ledgerline/domain';
import { pick } from './pick';
import type { StateContract } from './state-contract';

/** crm.customer.state.v1: what crm.customer.v1 publishes of a customer (no e-mail, phone, custom fields, archive reason). */
const customerState: StateContract<'customer'> = {
  topic: 'crm.customer.state.v1',
  type: 'crm.customer.state.v1',
  publicState: (customer) => ({
    ...pick(customer, ['customerId', 'status', 'kind', 'name', 'country', 'industry', 'owner', 'lifecycleStage', 'tags']),
    ...pick(customer, ['externalReferences', 'addresses', 'registeredAt', 'archivedAt']),
    purchases: customer.purchases.map((purchase) => ({
      ...pick(purchase, ['orderId', 'amount', 'currency', 'occurredAt', 'items', 'returns']),
      reversedAt: purchase.reversedAt ?? null,
    })),
  }),
  erasedBy: ['CustomerErased'],
};

/** crm.deal.state.v1: deals hold no personal data beyond the owner's user id. */
const dealState: StateContract<'deal'> = {
  topic: 'crm.deal.state.v1',
  type: 'crm.deal.state.v1',
  publicState: (deal) => ({
    ...pick(deal, ['dealId', 'customerId', 'status', 'title', 'amount', 'currency', 'pipelineId', 'stageId', 'probability']),
    ...pick(deal, ['expectedCloseDate', 'owner', 'stageHistory', 'openedAt', 'closedAt', 'lostReason']),
  }),
  erasedBy: [],
};

/** crm.interaction.state.v1: subject, summary, outcome and the delete reason are free text: not published. */
const interactionState: StateContract<'interaction'> = {
  topic: 'crm.interaction.state.v1',
  type: 'crm.interaction.state.v1',
  publicState: (interaction) =>
    pick(interaction, [
      'interactionId',
      'customerId',
      'dealId',
      'status',
      'channel',
      'direction',
      'occurredAt',
      'followUpDueDate',
      'deletedAt',
    ]),
  erasedBy: [],
};

/**
 * The record kinds with a state topic: those with an event topic (integration-messages.ts). An erasing event is one
 * entry in `erasedBy` of its kind; a new kind is one entry here.
 */
export const STATE_CONTRACTS: Readonly<Partial<{ [K in RecordKind]: StateContract<K> }>> = {
  customer: customerState,
  deal: dealState,
  interaction: interactionState,
};

export const STATE_TOPICS: readonly string[] = Object.values(STATE_CONTRACTS).map((contract) => contract.topic);
