import type { Command } from '../shared/decider';
import type { PipelineStage } from './pipeline.events';

/** Stages in the order deals move through them; at least one, ids unique. */
export type DefinePipeline = Command<'DefinePipeline', { pipelineId: string; name: string; stages: readonly PipelineStage[] }>;

export type RenamePipeline = Command<'RenamePipeline', { pipelineId: string; name: string }>;

/**
 * The complete new list of stages: stages may be renamed, reordered, re-weighted or added,
 * but every existing stage id must still be there.
 */
export type ChangePipelineStages = Command<'ChangePipelineStages', { pipelineId: string; stages: readonly PipelineStage[] }>;

export type PipelineCommand = DefinePipeline | RenamePipeline | ChangePipelineStages;
