import { unreachable } from '../shared/decider';
import type { PipelineEvent, PipelineStage } from './pipeline.events';

export type Pipeline = Readonly<{ status: 'defined'; pipelineId: string; name: string; stages: readonly PipelineStage[] }>;

/** 'none': the stream holds no event yet. */
export type PipelineState = Readonly<{ status: 'none' }> | Pipeline;

export const initialPipelineState = (): PipelineState => ({ status: 'none' });

export const evolvePipeline = (state: PipelineState, event: PipelineEvent): PipelineState => {
  if (event.type === 'PipelineDefined') return { status: 'defined', ...event.data };
  // A stream always starts with PipelineDefined; nothing else can apply to an empty state.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PipelineRenamed':
      return { ...state, name: event.data.to };
    case 'PipelineStagesChanged':
      return { ...state, stages: event.data.to };
    default:
      return unreachable(event);
  }
};
