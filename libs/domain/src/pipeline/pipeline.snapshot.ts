import type { PipelineStage } from './pipeline.events';
import { PipelineNotFound, StageNotInPipeline } from './pipeline.errors';
import type { PipelineState } from './pipeline.state';

/**
 * What a deal command needs to know of its pipeline. The application reads it and passes it in the
 * command: deciders never load anything. null: no such pipeline.
 */
export type PipelineSnapshot = Readonly<{ id: string; stages: readonly PipelineStage[] }>;

export const pipelineSnapshot = (state: PipelineState): PipelineSnapshot | null =>
  state.status === 'none' ? null : { id: state.pipelineId, stages: state.stages };

/** The stage a deal is to be placed in, with its probability. */
export const stageOf = (pipeline: PipelineSnapshot | null | undefined, pipelineId: string, stageId: string): PipelineStage => {
  if (!pipeline) throw new PipelineNotFound(pipelineId);
  const stage = pipeline.stages.find(({ id }) => id === stageId);
  if (!stage)
    throw new StageNotInPipeline(
      stageId,
      pipeline.id,
      pipeline.stages.map(({ id }) => id),
    );
  return stage;
};
