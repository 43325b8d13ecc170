import { defineRecordKind } from '../shared/record-kind';
import { segmentDecider } from './segment.decider';
import { SEGMENT_EVENT_TYPES } from './segment.events';

export const segmentKind = defineRecordKind({
  name: 'segment',
  plural: 'segments',
  idField: 'segmentId',
  decider: segmentDecider,
  eventTypes: SEGMENT_EVENT_TYPES,
});
