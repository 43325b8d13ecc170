import { stageOf } from '../pipeline/pipeline.snapshot';
import { requiredText } from '../shared/text';
import type { LoseDeal, ReopenDeal, WinDeal } from './deal.commands';
import type { DealLost, DealReopened, DealWon } from './deal.events';
import { DealAlreadyLost, DealAlreadyWon, DealClosed, DealNotClosed } from './deal.errors';
import { requireDeal, requireSamePipeline } from './deal.guards';
import type { DealState } from './deal.state';

export const winDeal = ({ data, metadata }: WinDeal, state: DealState): DealWon[] => {
  const deal = requireDeal(state, data.dealId);
  if (deal.status === 'won') return [];
  if (deal.status === 'lost') throw new DealAlreadyLost(deal.dealId);
  const { dealId, amount, currency, stageId } = deal;
  return [{ type: 'DealWon', data: { dealId, amount, currency, stageId, wonAt: metadata.now.toISOString() } }];
};

/** Losing a lost deal again for the same reason changes nothing; for another reason it would rewrite a closed deal. */
export const loseDeal = ({ data, metadata }: LoseDeal, state: DealState): DealLost[] => {
  const deal = requireDeal(state, data.dealId);
  if (deal.status === 'won') throw new DealAlreadyWon(deal.dealId);
  const reason = requiredText(data.reason, 'reason', 500);
  if (deal.status === 'lost') {
    if (reason === deal.lostReason) return [];
    throw new DealClosed(deal.dealId, deal.status);
  }
  return [{ type: 'DealLost', data: { dealId: deal.dealId, reason, stageId: deal.stageId, lostAt: metadata.now.toISOString() } }];
};

export const reopenDeal = ({ data, metadata }: ReopenDeal, state: DealState): DealReopened[] => {
  const deal = requireDeal(state, data.dealId);
  if (deal.status === 'open') throw new DealNotClosed(deal.dealId);
  const stage =
    data.stageId === undefined
      ? { id: deal.stageId, probability: deal.probability }
      : stageOf(requireSamePipeline(data.pipeline, deal.pipelineId), deal.pipelineId, data.stageId);
  return [
    {
      type: 'DealReopened',
      data: {
        dealId: deal.dealId,
        from: deal.status,
        stageId: stage.id,
        probability: stage.probability,
        reopenedAt: metadata.now.toISOString(),
      },
    },
  ];
};
