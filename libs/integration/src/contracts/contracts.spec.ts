import { DEFAULT_PIPELINE, EVENT_TYPES, type DomainEvent } from '@ledgerline/domain';
import { loadAsyncApiContract, type AsyncApiContract } from '../testing/asyncapi-contract';
import { CUSTOMER_ID, recorded, SAMPLE_EVENTS, UNPUBLISHED_SAMPLE_TEXT } from '../testing/sample-events';
import { integrationMessages, PUBLIC_TOPICS } from './integration-messages';

describe('public contracts (docs/asyncapi.yaml)', () => {
  let contract: AsyncApiContract;
  beforeAll(async () => {
    contract = await loadAsyncApiContract();
  });

  const messages = recorded(SAMPLE_EVENTS).flatMap((event) => integrationMessages(event).map((message) => ({ event, message })));

  it('is a valid AsyncAPI document, as the reference parser reads it', () => {
    expect(contract.errors).toEqual([]);
  });

  it('has samples of every internal event of the published record kinds', () => {
    const published = [...EVENT_TYPES.customer, ...EVENT_TYPES.deal, ...EVENT_TYPES.interaction];
    expect(new Set(SAMPLE_EVENTS.map((event) => event.type))).toEqual(new Set(published));
  });

  it('maps every event to a documented message on its topic, keyed by the record, valid against its schema', () => {
    for (const { event, message } of messages) {
      const validate = contract.validatorFor(message.value.type);
      expect({ type: message.value.type, documented: validate !== undefined }).toEqual({ type: message.value.type, documented: true });
      expect(validate?.(message.value) ? [] : validate?.errors).toEqual([]);
      expect(message.topic).toBe(contract.topicOf.get(message.value.type));
      expect(message).toMatchObject({
        key: message.value.subject,
        value: { id: event.id, specversion: '1.0', source: 'urn:ledgerline:crm' },
      });
      expect(message.headers).toEqual({
        'correlation-id': 'corr-1',
        'causation-id': 'req-1',
        'ledgerline-position': event.position.toString(),
      });
    }
  });

  it('documents no message the contracts never produce', () => {
    const documented = [...contract.topicOf].filter(([, topic]) => PUBLIC_TOPICS.includes(topic)).map(([type]) => type);
    expect(new Set(messages.map(({ message }) => message.value.type))).toEqual(new Set(documented));
  });

  it('publishes no personal data beyond what docs/integration.md lists', () => {
    const text = JSON.stringify(messages.map(({ message }) => message.value.data));
    for (const secret of UNPUBLISHED_SAMPLE_TEXT) {
      expect(text).not.toContain(secret);
    }
  });

  it('publishes nothing for internal-only changes: a pipeline, a profile change of unpublished fields', () => {
    const internalOnly: DomainEvent[] = [
      { type: 'PipelineRenamed', data: { pipelineId: DEFAULT_PIPELINE.pipelineId, from: 'Sales', to: 'New sales' } },
      { type: 'CustomerProfileUpdated', data: { customerId: CUSTOMER_ID, changes: { email: { from: null, to: 'new@acme.example' } } } },
    ];
    expect(recorded(internalOnly).flatMap(integrationMessages)).toEqual([]);
  });
});
