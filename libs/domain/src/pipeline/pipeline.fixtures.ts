import { commandsOf } from '../testing/given-when-then';
import type { PipelineCommand } from './pipeline.commands';
import type { PipelineDefined, PipelineStage } from './pipeline.events';

export const PIPELINE_ID = '0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';

export const pipelineCommand = commandsOf<PipelineCommand>();

export const STAGES: readonly PipelineStage[] = [
  { id: 'discovery', name: 'Discovery', probability: 20 },
  { id: 'offer', name: 'Offer', probability: 60 },
];

export const pipelineDefined: PipelineDefined = {
  type: 'PipelineDefined',
  data: { pipelineId: PIPELINE_ID, name: 'Renewals', stages: STAGES },
};
