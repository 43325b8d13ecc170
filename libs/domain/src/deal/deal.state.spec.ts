import { fold } from '../shared/decider';
import { dealDecider } from './deal.decider';
import type { DealEvent } from './deal.events';
import { CUSTOMER_ID, DEAL_ID, dealLost, dealOpened, SALES } from './deal.fixtures';
import { dealSnapshot } from './deal.snapshot';

const history: DealEvent[] = [
  dealOpened({ owner: 'maria' }),
  {
    type: 'DealStageChanged',
    data: { dealId: DEAL_ID, from: 'qualified', to: 'proposal', probability: 50, changedAt: '2025-01-20T09:00:00.000Z' },
  },
  {
    type: 'DealAmountChanged',
    data: { dealId: DEAL_ID, from: { amount: '48000', currency: 'EUR' }, to: { amount: '45000', currency: 'CHF' } },
  },
  { type: 'DealExpectedCloseDateChanged', data: { dealId: DEAL_ID, from: null, to: '2025-03-31' } },
  { type: 'DealRenamed', data: { dealId: DEAL_ID, from: 'Forklift fleet renewal', to: 'Fleet' } },
  { type: 'DealReassigned', data: { dealId: DEAL_ID, from: 'maria', to: 'li' } },
  { ...dealLost, data: { ...dealLost.data, stageId: 'proposal' } },
  {
    type: 'DealReopened',
    data: { dealId: DEAL_ID, from: 'lost', stageId: 'negotiation', probability: 75, reopenedAt: '2025-03-01T09:00:00.000Z' },
  },
];

describe('the deal state', () => {
  it('holds the deal’s terms and every stage it entered, with when', () => {
    expect(fold(dealDecider, history)).toStrictEqual({
      status: 'open',
      dealId: DEAL_ID,
      customerId: CUSTOMER_ID,
      title: 'Fleet',
      amount: '45000',
      currency: 'CHF',
      pipelineId: SALES.id,
      stageId: 'negotiation',
      probability: 75,
      expectedCloseDate: '2025-03-31',
      owner: 'li',
      stageHistory: [
        { stageId: 'qualified', enteredAt: '2025-01-15T09:00:00.000Z' },
        { stageId: 'proposal', enteredAt: '2025-01-20T09:00:00.000Z' },
        { stageId: 'negotiation', enteredAt: '2025-03-01T09:00:00.000Z' },
      ],
      openedAt: '2025-01-15T09:00:00.000Z',
      closedAt: null,
      lostReason: null,
    });
  });

  it('remembers when and why a deal was lost', () => {
    expect(fold(dealDecider, [dealOpened(), dealLost])).toMatchObject({
      status: 'lost',
      closedAt: '2025-02-20T16:00:00.000Z',
      lostReason: 'Went with a competitor',
    });
  });

  it('tells an interaction whose deal it is', () => {
    expect(dealSnapshot(fold(dealDecider, history))).toStrictEqual({ customerId: CUSTOMER_ID });
    expect(dealSnapshot(fold(dealDecider, []))).toBeNull();
  });
});
