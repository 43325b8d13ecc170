import type { Event } from '@ledgerline/domain';

/** A CustomerRegistered event as the write side records it: a company lead in DE unless `profile` says otherwise. */
export const customerRegistered = (customerId: string, profile: Record<string, unknown> = {}): Event => ({
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
