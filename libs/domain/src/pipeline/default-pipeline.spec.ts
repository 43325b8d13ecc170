import { fold } from '../shared/decider';
import { spec, TEST_NOW } from '../testing/given-when-then';
import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_DEFINED, defineDefaultPipeline } from './default-pipeline';
import { pipelineDecider } from './pipeline.decider';
import { PipelineAlreadyDefined } from './pipeline.errors';
import { pipelineSnapshot } from './pipeline.snapshot';

describe('the default pipeline', () => {
  it('is "Sales" with the stages lead-in, qualified, proposal and negotiation', () =>
    spec(pipelineDecider)
      .given([])
      .when(defineDefaultPipeline(TEST_NOW))
      .then([
        {
          type: 'PipelineDefined',
          data: {
            pipelineId: DEFAULT_PIPELINE.pipelineId,
            name: 'Sales',
            stages: [
              { id: 'lead-in', name: 'Lead in', probability: 10 },
              { id: 'qualified', name: 'Qualified', probability: 25 },
              { id: 'proposal', name: 'Proposal', probability: 50 },
              { id: 'negotiation', name: 'Negotiation', probability: 75 },
            ],
          },
        },
      ]));

  it('is defined once: the next start is refused and can take that as done', () =>
    spec(pipelineDecider).given([DEFAULT_PIPELINE_DEFINED]).when(defineDefaultPipeline(TEST_NOW)).thenThrows(PipelineAlreadyDefined));

  it('gives deals a snapshot of its stages', () => {
    expect(pipelineSnapshot(fold(pipelineDecider, [DEFAULT_PIPELINE_DEFINED]))).toStrictEqual({
      id: DEFAULT_PIPELINE.pipelineId,
      stages: DEFAULT_PIPELINE.stages,
    });
    expect(pipelineSnapshot(fold(pipelineDecider, []))).toBeNull();
  });
});
