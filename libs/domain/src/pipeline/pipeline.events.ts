import type { Event } from '../shared/decider';
import { eventTypeNames } from '../shared/event-types';

/** `id` is a slug such as 'lead-in'; `probability` the default chance, in whole percent, that a deal here is won. */
export type PipelineStage = Readonly<{ id: string; name: string; probability: number }>;

export type PipelineDefined = Event<'PipelineDefined', { pipelineId: string; name: string; stages: readonly PipelineStage[] }>;

export type PipelineRenamed = Event<'PipelineRenamed', { pipelineId: string; from: string; to: string }>;

/** Both complete lists, in order, so a reader sees renames, moves, new stages and new probabilities alike. */
export type PipelineStagesChanged = Event<
  'PipelineStagesChanged',
  { pipelineId: string; from: readonly PipelineStage[]; to: readonly PipelineStage[] }
>;

export type PipelineEvent = PipelineDefined | PipelineRenamed | PipelineStagesChanged;

export const PIPELINE_EVENT_TYPES = eventTypeNames<PipelineEvent['type']>({
  PipelineDefined: true,
  PipelineRenamed: true,
  PipelineStagesChanged: true,
});
