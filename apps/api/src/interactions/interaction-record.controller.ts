import { RecordReadController } from '../http/record-read';

/** One interaction straight from its stream; the operationId is the one the route had in the records controller it came from. */
export class InteractionRecordController extends RecordReadController('interaction', {
  operationId: 'RecordsController_interaction',
  summary: 'An interaction as its events tell it now',
}) {}
