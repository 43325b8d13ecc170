import type { CustomerRegistered, InteractionLogged } from '@ledgerline/domain';

/** A CustomerRegistered event as the write side records it: a company lead in DE unless `profile` says otherwise. */
export const customerRegistered = (customerId: string, profile: Partial<CustomerRegistered['data']> = {}): CustomerRegistered => ({
  type: 'CustomerRegistered',
  data: {
    customerId,
    kind: 'company',
    name: 'Acme',
    email: null,
    phone: null,
    country: 'DE',
    industry: null,
    owner: null,
    tags: [],
    customFields: {},
    lifecycleStage: 'lead',
    registeredAt: '2026-01-10T08:00:00.000Z',
    ...profile,
  },
});

/** An InteractionLogged event: an outbound e-mail without texts unless `content` says otherwise. */
export const interactionLogged = (
  interactionId: string,
  customerId: string,
  content: Partial<InteractionLogged['data']> = {},
): InteractionLogged => ({
  type: 'InteractionLogged',
  data: {
    interactionId,
    customerId,
    dealId: null,
    channel: 'email',
    direction: 'outbound',
    occurredAt: '2026-02-01T10:00:00.000Z',
    subject: null,
    summary: null,
    outcome: null,
    followUpDueDate: null,
    ...content,
  },
});
