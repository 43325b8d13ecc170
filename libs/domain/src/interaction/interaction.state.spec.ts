import { fold } from '../shared/decider';
import { interactionDecider } from './interaction.decider';
import { CUSTOMER_ID, INTERACTION_ID, interactionDeleted, interactionLogged } from './interaction.fixtures';

describe('the interaction state', () => {
  it('holds the interaction as amended', () => {
    expect(
      fold(interactionDecider, [
        interactionLogged({ subject: 'Call' }),
        {
          type: 'InteractionAmended',
          data: { interactionId: INTERACTION_ID, changes: { subject: { from: 'Call', to: null }, channel: { from: 'phone', to: 'chat' } } },
        },
      ]),
    ).toStrictEqual({
      status: 'logged',
      interactionId: INTERACTION_ID,
      customerId: CUSTOMER_ID,
      dealId: null,
      channel: 'chat',
      direction: 'outbound',
      occurredAt: '2025-02-10T14:30:00.000Z',
      subject: null,
      summary: null,
      outcome: null,
      followUpDueDate: null,
      deletedAt: null,
      deleteReason: null,
    });
  });

  it('remembers when and why it was deleted', () => {
    const deleted = { ...interactionDeleted, data: { ...interactionDeleted.data, reason: 'Duplicate' } };
    expect(fold(interactionDecider, [interactionLogged(), deleted])).toMatchObject({
      status: 'deleted',
      deletedAt: '2025-02-11T08:00:00.000Z',
      deleteReason: 'Duplicate',
    });
  });
});
