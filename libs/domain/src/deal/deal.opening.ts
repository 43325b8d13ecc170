import { requireActiveCustomerSnapshot } from '../customer/customer.snapshot';
import { stageOf } from '../pipeline/pipeline.snapshot';
import { recordId } from '../shared/identifiers';
import { money } from '../shared/money';
import { owner } from '../shared/owner';
import { optional } from '../shared/text';
import type { OpenDeal } from './deal.commands';
import type { DealOpened } from './deal.events';
import { requireSamePipeline, requireUnopened } from './deal.guards';
import type { DealState } from './deal.state';
import { dealTitle, expectedCloseDate } from './deal.values';

export const openDeal = ({ data, metadata }: OpenDeal, state: DealState): DealOpened[] => {
  requireUnopened(state, data.dealId);
  const dealId = recordId(data.dealId, 'dealId');
  const customerId = recordId(data.customerId, 'customerId');
  const pipelineId = recordId(data.pipelineId, 'pipelineId');
  const title = dealTitle(data.title);
  const { amount, currency } = money(data.amount, data.currency);
  const closeDate = optional(data.expectedCloseDate, expectedCloseDate);
  const dealOwner = optional(data.owner, owner);
  requireActiveCustomerSnapshot(data.customer, customerId);
  const stage = stageOf(requireSamePipeline(data.pipeline, pipelineId), pipelineId, data.stageId);
  return [
    {
      type: 'DealOpened',
      data: {
        dealId,
        customerId,
        title,
        amount,
        currency,
        pipelineId,
        stageId: stage.id,
        probability: stage.probability,
        expectedCloseDate: closeDate,
        owner: dealOwner,
        openedAt: metadata.now.toISOString(),
      },
    },
  ];
};
