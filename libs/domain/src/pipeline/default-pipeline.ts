import type { DefinePipeline } from './pipeline.commands';
import type { PipelineDefined } from './pipeline.events';

/**
 * The pipeline every installation starts with. Its id is fixed so that every start of every node aims at the
 * same stream: the first definition wins, the others are refused with PipelineAlreadyDefined, which means "done".
 */
export const DEFAULT_PIPELINE = {
  pipelineId: '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e',
  name: 'Sales',
  stages: [
    { id: 'lead-in', name: 'Lead in', probability: 10 },
    { id: 'qualified', name: 'Qualified', probability: 25 },
    { id: 'proposal', name: 'Proposal', probability: 50 },
    { id: 'negotiation', name: 'Negotiation', probability: 75 },
  ],
} as const satisfies DefinePipeline['data'];

/** The command that creates the default pipeline; refused with PipelineAlreadyDefined once it exists. */
export const defineDefaultPipeline = (now: Date): DefinePipeline => ({ type: 'DefinePipeline', data: DEFAULT_PIPELINE, metadata: { now } });

/** The event that command records, for seeding stores and tests directly. */
export const DEFAULT_PIPELINE_DEFINED: PipelineDefined = { type: 'PipelineDefined', data: DEFAULT_PIPELINE };
