import {
  customerCommandsAt,
  ExecuteInteractionCommand,
  type CommandContext,
  type CustomerPlan,
  type InteractionRequest,
} from '@ledgerline/application';
import type { AddressType, LogInteraction, RecordPurchase, RegisterCustomer } from '@ledgerline/domain';
import { v5 as uuidv5 } from 'uuid';

export type ExternalRefs = Readonly<Record<string, string>>;

/** A line of a customer import: the body of POST /v1/customers, plus the customer's id here or in other systems. */
export type CustomerLine = Omit<RegisterCustomer['data'], 'customerId'> & Readonly<{ customerId?: string; externalRefs?: ExternalRefs }>;

/** A line of a purchase import: the body of POST /v1/customers/:id/purchases, plus whose purchase it is. */
export type PurchaseLine = Omit<RecordPurchase['data'], 'customerId'> & Readonly<{ customerId?: string; externalRefs?: ExternalRefs }>;

/** A line of an interaction import: the body of POST /v1/interactions, the customer also by `externalRefs`. */
export type InteractionLine = Omit<LogInteraction['data'], 'interactionId' | 'customerId' | 'customer' | 'deal'> &
  Readonly<{ id?: string; customerId?: string; externalRefs?: ExternalRefs }>;

const IMPORTED_INTERACTION_NAMESPACE = '7c2e9a14-3b6d-4f58-a1e0-5d8b2f4c9e37';

/**
 * The command POST /v1/interactions sends; without an id, one derived from the line's content (its idempotency key)
 * and not from who imports it, so the same file imported by a second user or key cannot log the calls twice.
 */
export function interactionLineCommand(line: InteractionLine, customerId: string, context: CommandContext): ExecuteInteractionCommand {
  const { id, externalRefs: _externalRefs, customerId: _customerId, ...data } = line;
  const interactionId = id ?? uuidv5(`${customerId}\n${context.idempotencyKey}`, IMPORTED_INTERACTION_NAMESPACE);
  return new ExecuteInteractionCommand(
    { type: 'LogInteraction', data: { ...data, customerId, interactionId } } as InteractionRequest,
    context,
  );
}

/** In a fixed order (by system), so that a line always finds and creates the same customer. */
export const referencesOf = (line: { externalRefs?: ExternalRefs }): { system: string; externalId: string }[] =>
  Object.entries(line.externalRefs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([system, externalId]) => ({ system, externalId: externalId.trim() }));

/**
 * An unknown customer is registered with everything the line gives; a known one gets the profile fields, owner,
 * tags and addresses the line gives (absent: left as they are; tags are added, never removed) and its lifecycle stage is left alone
 * (stage moves follow rules an import cannot know to respect). Every external id of the line is linked.
 */
export function customerLinePlan(line: CustomerLine, customerId: string, now: Date): CustomerPlan {
  const command = customerCommandsAt(now);
  const { kind, name, email, phone, country, industry, owner, tags, customFields, lifecycleStage, addresses } = line;
  const links = referencesOf(line).map(({ system, externalId }) => command('LinkExternalReference', { customerId, system, externalId }));
  const profile = Object.fromEntries(
    Object.entries({ email, phone, country, industry, customFields }).filter(([, value]) => value !== undefined),
  );
  return (state) => {
    if (state.status === 'none') {
      const registration = {
        customerId,
        kind,
        name,
        ...profile,
        ...(owner ? { owner } : {}),
        ...(tags ? { tags } : {}),
        ...(lifecycleStage ? { lifecycleStage } : {}),
        ...(addresses ? { addresses } : {}),
      };
      return [command('RegisterCustomer', registration), ...links];
    }
    return [
      command('UpdateCustomerProfile', { customerId, name, ...profile }),
      ...(owner === undefined ? [] : [command('AssignCustomerOwner', { customerId, owner })]),
      ...(tags === undefined || tags.length === 0 ? [] : [command('AddCustomerTags', { customerId, tags })]),
      ...Object.entries(addresses ?? {}).map(([addressType, address]) =>
        command('SetCustomerAddress', { customerId, addressType: addressType as AddressType, address }),
      ),
      ...links,
    ];
  };
}

export function purchaseLinePlan(
  { orderId, amount, currency, occurredAt, items }: PurchaseLine,
  customerId: string,
  now: Date,
): CustomerPlan {
  const command = customerCommandsAt(now);
  return () => [command('RecordPurchase', { customerId, orderId, amount, currency, occurredAt, items })];
}
