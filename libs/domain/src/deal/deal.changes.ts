import { stageOf } from '../pipeline/pipeline.snapshot';
import { money, sameMoney } from '../shared/money';
import { owner } from '../shared/owner';
import { optional } from '../shared/text';
import type { ChangeDealAmount, ChangeDealExpectedCloseDate, ChangeDealStage, ReassignDeal, RenameDeal } from './deal.commands';
import type { DealAmountChanged, DealExpectedCloseDateChanged, DealReassigned, DealRenamed, DealStageChanged } from './deal.events';
import { requireOpenDeal, requireSamePipeline } from './deal.guards';
import type { DealState } from './deal.state';
import { dealTitle, expectedCloseDate } from './deal.values';

export const changeDealStage = ({ data, metadata }: ChangeDealStage, state: DealState): DealStageChanged[] => {
  const deal = requireOpenDeal(state, data.dealId);
  const stage = stageOf(requireSamePipeline(data.pipeline, deal.pipelineId), deal.pipelineId, data.stageId);
  if (stage.id === deal.stageId) return [];
  return [
    {
      type: 'DealStageChanged',
      data: {
        dealId: deal.dealId,
        from: deal.stageId,
        to: stage.id,
        probability: stage.probability,
        changedAt: metadata.now.toISOString(),
      },
    },
  ];
};

export const changeDealAmount = ({ data }: ChangeDealAmount, state: DealState): DealAmountChanged[] => {
  const deal = requireOpenDeal(state, data.dealId);
  const to = money(data.amount, data.currency);
  const from = { amount: deal.amount, currency: deal.currency };
  return sameMoney(from, to) ? [] : [{ type: 'DealAmountChanged', data: { dealId: deal.dealId, from, to } }];
};

export const changeDealExpectedCloseDate = ({ data }: ChangeDealExpectedCloseDate, state: DealState): DealExpectedCloseDateChanged[] => {
  const deal = requireOpenDeal(state, data.dealId);
  const to = optional(data.expectedCloseDate, expectedCloseDate);
  const from = deal.expectedCloseDate;
  return to === from ? [] : [{ type: 'DealExpectedCloseDateChanged', data: { dealId: deal.dealId, from, to } }];
};

export const renameDeal = ({ data }: RenameDeal, state: DealState): DealRenamed[] => {
  const deal = requireOpenDeal(state, data.dealId);
  const to = dealTitle(data.title);
  return to === deal.title ? [] : [{ type: 'DealRenamed', data: { dealId: deal.dealId, from: deal.title, to } }];
};

export const reassignDeal = ({ data }: ReassignDeal, state: DealState): DealReassigned[] => {
  const deal = requireOpenDeal(state, data.dealId);
  const to = owner(data.owner);
  return to === deal.owner ? [] : [{ type: 'DealReassigned', data: { dealId: deal.dealId, from: deal.owner, to } }];
};
