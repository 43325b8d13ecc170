import { InvalidRecordId, InvalidSlug } from '../shared/identifiers';
import { TextRequired } from '../shared/text';
import { spec } from '../testing/given-when-then';
import { pipelineDecider } from './pipeline.decider';
import type { PipelineStage } from './pipeline.events';
import {
  DuplicateStageId,
  InvalidProbability,
  PipelineAlreadyDefined,
  PipelineNotFound,
  PipelineWithoutStages,
  StageRemovalNotAllowed,
} from './pipeline.errors';
import { PIPELINE_ID, pipelineCommand, pipelineDefined, STAGES } from './pipeline.fixtures';

const pipeline = spec(pipelineDecider);
const define = (stages: readonly PipelineStage[] = STAGES, pipelineId = PIPELINE_ID) =>
  pipelineCommand('DefinePipeline', { pipelineId, name: ' Renewals ', stages });
const rename = (name: string) => pipelineCommand('RenamePipeline', { pipelineId: PIPELINE_ID, name });
const changeStages = (stages: readonly PipelineStage[]) => pipelineCommand('ChangePipelineStages', { pipelineId: PIPELINE_ID, stages });

const invalidStageLists: [string, readonly PipelineStage[], abstract new (...args: never[]) => Error, string][] = [
  ['no stages', [], PipelineWithoutStages, 'pipeline-without-stages'],
  ['a repeated stage id', [...STAGES, { id: 'offer', name: 'Second offer', probability: 70 }], DuplicateStageId, 'duplicate-stage-id'],
  ['a stage id that is not a slug', [{ id: 'Lead In', name: 'Lead in', probability: 10 }], InvalidSlug, 'invalid-slug'],
  ['a stage without a name', [{ id: 'lead-in', name: ' ', probability: 10 }], TextRequired, 'text-required'],
  ['a probability above 100', [{ id: 'lead-in', name: 'Lead in', probability: 101 }], InvalidProbability, 'invalid-probability'],
  ['a negative probability', [{ id: 'lead-in', name: 'Lead in', probability: -5 }], InvalidProbability, 'invalid-probability'],
  ['a fractional probability', [{ id: 'lead-in', name: 'Lead in', probability: 12.5 }], InvalidProbability, 'invalid-probability'],
];

describe('DefinePipeline', () => {
  it('defines a pipeline with its ordered stages', () =>
    pipeline
      .given([])
      .when(define([{ id: 'discovery', name: ' Discovery ', probability: 20 }, STAGES[1]]))
      .then([pipelineDefined]));

  it('accepts the extreme probabilities 0 and 100', () =>
    pipeline
      .given([])
      .when(
        define([
          { id: 'hopeless', name: 'Hopeless', probability: 0 },
          { id: 'signed', name: 'Signed', probability: 100 },
        ]),
      )
      .then([
        {
          type: 'PipelineDefined',
          data: {
            pipelineId: PIPELINE_ID,
            name: 'Renewals',
            stages: [
              { id: 'hopeless', name: 'Hopeless', probability: 0 },
              { id: 'signed', name: 'Signed', probability: 100 },
            ],
          },
        },
      ]));

  it('refuses to define a pipeline twice', () =>
    pipeline.given([pipelineDefined]).when(define()).thenThrows(PipelineAlreadyDefined, 'pipeline-already-defined'));

  it('refuses an id that is not a UUID', () => pipeline.given([]).when(define(STAGES, 'sales')).thenThrows(InvalidRecordId));

  it('refuses a blank name', () =>
    pipeline
      .given([])
      .when(pipelineCommand('DefinePipeline', { pipelineId: PIPELINE_ID, name: '', stages: STAGES }))
      .thenThrows(TextRequired));

  it.each(invalidStageLists)('refuses %s', (_case, stages, error, code) => pipeline.given([]).when(define(stages)).thenThrows(error, code));
});

describe('RenamePipeline', () => {
  it('renames the pipeline', () =>
    pipeline
      .given([pipelineDefined])
      .when(rename('Renewals 2025'))
      .then([{ type: 'PipelineRenamed', data: { pipelineId: PIPELINE_ID, from: 'Renewals', to: 'Renewals 2025' } }]));

  it('records nothing when the name stays the same', () => pipeline.given([pipelineDefined]).when(rename(' Renewals ')).then([]));

  it('compares with the latest name', () =>
    pipeline
      .given([pipelineDefined, { type: 'PipelineRenamed', data: { pipelineId: PIPELINE_ID, from: 'Renewals', to: 'Upsell' } }])
      .when(rename('Upsell'))
      .then([]));

  it('refuses a blank name', () => pipeline.given([pipelineDefined]).when(rename('  ')).thenThrows(TextRequired));
});

describe('ChangePipelineStages', () => {
  it('renames, reorders, re-weights and adds stages, and says what the list was', () => {
    const to = [
      { id: 'qualification', name: 'Qualification', probability: 10 },
      { id: 'offer', name: 'Proposal', probability: 55 },
      { id: 'discovery', name: 'Discovery', probability: 20 },
    ];
    return pipeline
      .given([pipelineDefined])
      .when(changeStages(to))
      .then([{ type: 'PipelineStagesChanged', data: { pipelineId: PIPELINE_ID, from: STAGES, to } }]);
  });

  it('records nothing when the list is the same', () =>
    pipeline
      .given([pipelineDefined])
      .when(changeStages(STAGES.map((stage) => ({ ...stage, name: ` ${stage.name} ` }))))
      .then([]));

  it('compares with the latest list', () => {
    const to = [...STAGES, { id: 'closing', name: 'Closing', probability: 90 }];
    return pipeline
      .given([pipelineDefined, { type: 'PipelineStagesChanged', data: { pipelineId: PIPELINE_ID, from: STAGES, to } }])
      .when(changeStages(to))
      .then([]);
  });

  it('refuses to remove a stage, because deals may be in it', () =>
    pipeline
      .given([pipelineDefined])
      .when(changeStages([STAGES[1], { id: 'closing', name: 'Closing', probability: 90 }]))
      .thenThrows(StageRemovalNotAllowed, 'stage-removal-not-allowed'));

  it.each(invalidStageLists)('refuses %s', (_case, stages, error, code) =>
    pipeline.given([pipelineDefined]).when(changeStages(stages)).thenThrows(error, code),
  );
});

describe('a pipeline that does not exist', () => {
  it.each([rename('Sales'), changeStages(STAGES)].map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    pipeline.given([]).when(command).thenThrows(PipelineNotFound, 'pipeline-not-found'),
  );
});
