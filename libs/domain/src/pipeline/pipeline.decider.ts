import { unreachable, type Decider } from '../shared/decider';
import { recordId } from '../shared/identifiers';
import type { ChangePipelineStages, DefinePipeline, PipelineCommand, RenamePipeline } from './pipeline.commands';
import type { PipelineDefined, PipelineEvent, PipelineRenamed, PipelineStagesChanged } from './pipeline.events';
import { PipelineAlreadyDefined, PipelineNotFound, StageRemovalNotAllowed } from './pipeline.errors';
import { evolvePipeline, initialPipelineState, type Pipeline, type PipelineState } from './pipeline.state';
import { pipelineName, sameStages, stageList } from './pipeline.values';

const requireDefined = (state: PipelineState, pipelineId: string): Pipeline => {
  if (state.status === 'none') throw new PipelineNotFound(pipelineId);
  return state;
};

const definePipeline = ({ data }: DefinePipeline, state: PipelineState): PipelineDefined[] => {
  if (state.status !== 'none') throw new PipelineAlreadyDefined(data.pipelineId);
  return [
    {
      type: 'PipelineDefined',
      data: { pipelineId: recordId(data.pipelineId, 'pipelineId'), name: pipelineName(data.name), stages: stageList(data.stages) },
    },
  ];
};

const renamePipeline = ({ data }: RenamePipeline, state: PipelineState): PipelineRenamed[] => {
  const pipeline = requireDefined(state, data.pipelineId);
  const to = pipelineName(data.name);
  return to === pipeline.name ? [] : [{ type: 'PipelineRenamed', data: { pipelineId: pipeline.pipelineId, from: pipeline.name, to } }];
};

const changePipelineStages = ({ data }: ChangePipelineStages, state: PipelineState): PipelineStagesChanged[] => {
  const pipeline = requireDefined(state, data.pipelineId);
  const to = stageList(data.stages);
  const removed = pipeline.stages.filter((stage) => !to.some(({ id }) => id === stage.id)).map(({ id }) => id);
  if (removed.length > 0) throw new StageRemovalNotAllowed(pipeline.pipelineId, removed);
  if (sameStages(pipeline.stages, to)) return [];
  return [{ type: 'PipelineStagesChanged', data: { pipelineId: pipeline.pipelineId, from: pipeline.stages, to } }];
};

export const decidePipeline = (command: PipelineCommand, state: PipelineState): readonly PipelineEvent[] => {
  switch (command.type) {
    case 'DefinePipeline':
      return definePipeline(command, state);
    case 'RenamePipeline':
      return renamePipeline(command, state);
    case 'ChangePipelineStages':
      return changePipelineStages(command, state);
    default:
      return unreachable(command);
  }
};

export const pipelineDecider: Decider<PipelineCommand, PipelineEvent, PipelineState> = {
  initialState: initialPipelineState,
  evolve: evolvePipeline,
  decide: decidePipeline,
};
