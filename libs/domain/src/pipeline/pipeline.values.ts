import { slug } from '../shared/identifiers';
import { requiredText } from '../shared/text';
import type { PipelineStage } from './pipeline.events';
import { DuplicateStageId, InvalidProbability, PipelineWithoutStages } from './pipeline.errors';

export const pipelineName = (value: string): string => requiredText(value, 'name', 100);

const probability = (stageId: string, value: number): number => {
  if (!Number.isInteger(value) || value < 0 || value > 100) throw new InvalidProbability(stageId, value);
  return value;
};

const stage = ({ id, name, probability: chance }: PipelineStage): PipelineStage => {
  const stageId = slug(id, 'stage id');
  return { id: stageId, name: requiredText(name, 'stage name', 100), probability: probability(stageId, chance) };
};

/** Checks and cleans an ordered list of stages. */
export const stageList = (stages: readonly PipelineStage[]): PipelineStage[] => {
  if (!Array.isArray(stages) || stages.length === 0) throw new PipelineWithoutStages();
  const checked = stages.map(stage);
  const seen = new Set<string>();
  for (const { id } of checked) {
    if (seen.has(id)) throw new DuplicateStageId(id);
    seen.add(id);
  }
  return checked;
};

export const sameStages = (a: readonly PipelineStage[], b: readonly PipelineStage[]): boolean =>
  a.length === b.length &&
  a.every((stage, index) => stage.id === b[index].id && stage.name === b[index].name && stage.probability === b[index].probability);
