import type { DealEvent } from '@ledgerline/domain';
import type { Contract } from './contract';
import { pick } from './pick';

/** crm.deal.v1: deals hold no personal data beyond the owner's user id, published. */
export const dealContract: Contract<DealEvent> = {
  topic: 'crm.deal.v1',
  map: {
    DealOpened: (data) => ({
      type: 'crm.deal.opened.v1',
      data: pick(data, [
        'dealId',
        'customerId',
        'title',
        'amount',
        'currency',
        'pipelineId',
        'stageId',
        'probability',
        'expectedCloseDate',
        'owner',
        'openedAt',
      ]),
    }),
    DealStageChanged: (data) => ({
      type: 'crm.deal.stage-changed.v1',
      data: pick(data, ['dealId', 'from', 'to', 'probability', 'changedAt']),
    }),
    DealAmountChanged: (data) => ({ type: 'crm.deal.amount-changed.v1', data: pick(data, ['dealId', 'from', 'to']) }),
    DealExpectedCloseDateChanged: (data) => ({
      type: 'crm.deal.expected-close-date-changed.v1',
      data: pick(data, ['dealId', 'from', 'to']),
    }),
    DealRenamed: (data) => ({ type: 'crm.deal.renamed.v1', data: pick(data, ['dealId', 'from', 'to']) }),
    DealReassigned: (data) => ({ type: 'crm.deal.reassigned.v1', data: pick(data, ['dealId', 'from', 'to']) }),
    DealWon: (data) => ({ type: 'crm.deal.won.v1', data: pick(data, ['dealId', 'amount', 'currency', 'stageId', 'wonAt']) }),
    DealLost: (data) => ({ type: 'crm.deal.lost.v1', data: pick(data, ['dealId', 'reason', 'stageId', 'lostAt']) }),
    DealReopened: (data) => ({
      type: 'crm.deal.reopened.v1',
      data: pick(data, ['dealId', 'from', 'stageId', 'probability', 'reopenedAt']),
    }),
  },
};
