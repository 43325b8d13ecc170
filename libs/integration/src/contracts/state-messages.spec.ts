import type { DomainEvent } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { loadAsyncApiContract } from '../testing/asyncapi-contract';
import { CUSTOMER_ID, DEAL_ID, INTERACTION_ID, recorded, SAMPLE_EVENTS, UNPUBLISHED_SAMPLE_TEXT } from '../testing/sample-events';
import { STATE_CONTRACTS } from './state-contracts';
import { stateMessage, stateStreamOf } from './state-messages';

const streamOf = (events: readonly RecordedEvent[], streamId: string) => events.filter((event) => event.streamId === streamId);

describe('state messages (crm.<kind>.state.v1)', () => {
  const events = recorded(SAMPLE_EVENTS);

  it('holds the latest public state of a customer, keyed by its id, at the revision of its last event', () => {
    // The samples end with the customer's erasure: the state before it.
    const stream = streamOf(events, `customer-${CUSTOMER_ID}`).filter((event) => event.type !== 'CustomerErased');
    const message = stateMessage(`customer-${CUSTOMER_ID}`, stream);
    expect(message).toMatchObject({
      topic: 'crm.customer.state.v1',
      key: CUSTOMER_ID,
      value: { specversion: '1.0', type: 'crm.customer.state.v1', subject: CUSTOMER_ID, source: 'urn:ledgerline:crm' },
      headers: { 'ledgerline-position': stream[stream.length - 1].position.toString() },
    });
    expect(message?.value?.data).toEqual({
      customerId: CUSTOMER_ID,
      status: 'archived',
      kind: 'company',
      name: 'Acme AG',
      country: 'DE',
      industry: 'Tools',
      owner: 'bob',
      lifecycleStage: 'prospect',
      tags: ['enterprise'],
      externalReferences: {},
      addresses: { billing: { street: 'Hauptstraße 1', city: 'Berlin', region: null, postcode: '10115', country: 'DE' } },
      registeredAt: '2026-11-20T10:00:00.000Z',
      archivedAt: '2026-11-20T10:00:00.000Z',
      purchases: [
        {
          orderId: 'SO-1',
          amount: '1250.5',
          currency: 'EUR',
          occurredAt: '2026-11-20T10:00:00.000Z',
          items: [
            { sku: 'DRL-18V', name: 'Cordless drill 18 V', category: 'power-tools', quantity: '5', unitPrice: '250.1', amount: '1250.5' },
          ],
          returns: [
            {
              returnId: 'CN-1',
              items: [{ sku: 'DRL-18V', quantity: '1', amount: '250.1' }],
              amount: '250.1',
              returnedAt: '2026-11-20T10:00:00.000Z',
            },
          ],
          reversedAt: '2026-11-20T10:00:00.000Z',
        },
      ],
      revision: stream.length - 1,
    });
  });

  it("gives an erased customer's key a tombstone: compaction then removes every earlier state of it", () => {
    const stream = streamOf(events, `customer-${CUSTOMER_ID}`);
    expect(stream.at(-1)?.type).toBe('CustomerErased');
    expect(stateMessage(`customer-${CUSTOMER_ID}`, stream)).toMatchObject({
      topic: 'crm.customer.state.v1',
      key: CUSTOMER_ID,
      value: null,
    });
  });

  it('publishes of deals and interactions what their event topics publish, and no free text or contact data', () => {
    const deal = stateMessage(`deal-${DEAL_ID}`, streamOf(events, `deal-${DEAL_ID}`));
    const interaction = stateMessage(`interaction-${INTERACTION_ID}`, streamOf(events, `interaction-${INTERACTION_ID}`));
    expect(deal?.value?.data).toMatchObject({ dealId: DEAL_ID, status: 'won', title: '50 seats', amount: '15000', owner: 'bob' });
    expect(interaction?.value?.data).toMatchObject({ interactionId: INTERACTION_ID, status: 'deleted', channel: 'meeting' });
    const customer = stateMessage(`customer-${CUSTOMER_ID}`, streamOf(events, `customer-${CUSTOMER_ID}`).slice(0, -1));
    const text = JSON.stringify([customer, deal, interaction].map((message) => message?.value));
    for (const secret of UNPUBLISHED_SAMPLE_TEXT) {
      expect(text).not.toContain(secret);
    }
  });

  it('gives one state of one record the same message id every time, and a new state a new one', () => {
    const stream = streamOf(events, `customer-${CUSTOMER_ID}`);
    const id = (upTo: number) => stateMessage(`customer-${CUSTOMER_ID}`, stream.slice(0, upTo))?.value?.id;
    expect(id(3)).toBe(id(3));
    expect(id(4)).not.toBe(id(3));
  });

  it('gives every state of the samples a message documented in docs/asyncapi.yaml on its topic, valid against its schema', async () => {
    const contract = await loadAsyncApiContract();
    const messages = [...new Set(events.map((event) => event.streamId))].flatMap((streamId) =>
      streamOf(events, streamId).map((_, index, stream) => stateMessage(streamId, stream.slice(0, index + 1))),
    );
    expect(messages.length).toBeGreaterThan(20);
    for (const message of messages.filter((stateOrTombstone) => stateOrTombstone?.value !== null)) {
      const value = message?.value;
      const validate = value ? contract.validatorFor(value.type) : undefined;
      expect(validate?.(value) ? [] : (validate?.errors ?? ['undocumented type'])).toEqual([]);
      expect(message?.topic).toBe(value && contract.topicOf.get(value.type));
    }
  });

  it('is a tombstone once the stream holds an event its kind lists in erasedBy', () => {
    const erasing = { ...STATE_CONTRACTS, customer: { ...STATE_CONTRACTS.customer!, erasedBy: ['CustomerArchived'] as const } };
    const stream = streamOf(events, `customer-${CUSTOMER_ID}`);
    expect(stateMessage(`customer-${CUSTOMER_ID}`, stream, erasing)).toMatchObject({
      topic: 'crm.customer.state.v1',
      key: CUSTOMER_ID,
      value: null,
    });
    expect(stateStreamOf(stream[stream.length - 1], erasing)).toBe(`customer-${CUSTOMER_ID}`);
  });

  it('is touched by events that change what is published only', () => {
    const [emailOnly, pipeline] = recorded([
      { type: 'CustomerProfileUpdated', data: { customerId: CUSTOMER_ID, changes: { email: { from: null, to: 'new@acme.example' } } } },
      { type: 'PipelineRenamed', data: { pipelineId: 'sales', from: 'Sales', to: 'New sales' } },
    ] as DomainEvent[]);
    expect([stateStreamOf(emailOnly), stateStreamOf(pipeline)]).toEqual([undefined, undefined]);
    expect(stateStreamOf(events[0])).toBe(`customer-${CUSTOMER_ID}`);
  });
});
