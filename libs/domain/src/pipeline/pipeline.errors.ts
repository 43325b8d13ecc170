import { InvalidInput, RecordAlreadyExists, RecordNotFound, RuleViolated } from '../shared/domain-error';

export class PipelineAlreadyDefined extends RecordAlreadyExists {
  override readonly code = 'pipeline-already-defined';
  constructor(readonly pipelineId: string) {
    super(`Pipeline ${pipelineId} is already defined.`, { pipelineId });
  }
}

/** Raised for a command to a pipeline that does not exist, and for a deal placed in one. */
export class PipelineNotFound extends RecordNotFound {
  override readonly code = 'pipeline-not-found';
  constructor(readonly pipelineId: string) {
    super(`Pipeline ${pipelineId} does not exist.`, { pipelineId });
  }
}

export class PipelineWithoutStages extends InvalidInput {
  override readonly code = 'pipeline-without-stages';
  constructor() {
    super('A pipeline needs at least one stage.', { field: 'stages' });
  }
}

export class DuplicateStageId extends InvalidInput {
  override readonly code = 'duplicate-stage-id';
  constructor(readonly stageId: string) {
    super(`Stage id "${stageId}" appears more than once; each stage of a pipeline needs its own id.`, { field: 'stages', stageId });
  }
}

export class InvalidProbability extends InvalidInput {
  override readonly code = 'invalid-probability';
  constructor(
    readonly stageId: string,
    value: unknown,
  ) {
    super(`The probability of stage "${stageId}" must be a whole percentage from 0 to 100; got ${JSON.stringify(value)}.`, {
      field: 'probability',
      stageId,
    });
  }
}

/** Deals may sit in any existing stage, so a stage can be renamed or moved but never taken away. */
export class StageRemovalNotAllowed extends RuleViolated {
  override readonly code = 'stage-removal-not-allowed';
  constructor(
    readonly pipelineId: string,
    readonly stageIds: readonly string[],
  ) {
    super(
      `Pipeline ${pipelineId} cannot lose its stage(s) ${stageIds.join(', ')}: deals may be in them. Keep them in the list; rename or move them instead.`,
      { pipelineId, stageIds },
    );
  }
}

export class StageNotInPipeline extends InvalidInput {
  override readonly code = 'stage-not-in-pipeline';
  constructor(
    readonly stageId: string,
    readonly pipelineId: string,
    readonly stageIds: readonly string[],
  ) {
    super(`Pipeline ${pipelineId} has no stage "${stageId}"; its stages are ${stageIds.join(', ')}.`, {
      field: 'stageId',
      stageId,
      pipelineId,
      stageIds,
    });
  }
}
