import { defineRecordKind } from '../shared/record-kind';
import { pipelineDecider } from './pipeline.decider';
import { PIPELINE_EVENT_TYPES } from './pipeline.events';

export const pipelineKind = defineRecordKind({
  name: 'pipeline',
  plural: 'pipelines',
  idField: 'pipelineId',
  decider: pipelineDecider,
  eventTypes: PIPELINE_EVENT_TYPES,
});
