import type { PipelineSnapshot } from '../pipeline/pipeline.snapshot';
import { DealAlreadyOpened, DealClosed, DealNotFound, PipelineMismatch } from './deal.errors';
import type { Deal, DealState } from './deal.state';

export const requireUnopened = (state: DealState, dealId: string): void => {
  if (state.status !== 'none') throw new DealAlreadyOpened(dealId);
};

export const requireDeal = (state: DealState, dealId: string): Deal => {
  if (state.status === 'none') throw new DealNotFound(dealId);
  return state;
};

/** Stage, amount, dates, title and owner of a won or lost deal stay as they were when it closed. */
export const requireOpenDeal = (state: DealState, dealId: string): Deal => {
  const deal = requireDeal(state, dealId);
  if (deal.status !== 'open') throw new DealClosed(dealId, deal.status);
  return deal;
};

export const requireSamePipeline = <P extends PipelineSnapshot | null | undefined>(pipeline: P, pipelineId: string): P => {
  if (pipeline && pipeline.id !== pipelineId) throw new PipelineMismatch(pipelineId, pipeline.id);
  return pipeline;
};
