import { RecordReadController } from '../http/record-read';

/**
 * One deal straight from its stream, with the stage history its events tell; the deal list reads the pipeline read
 * model. The operationId is the one the route had in the records controller it came from.
 */
export class DealRecordController extends RecordReadController('deal', {
  operationId: 'RecordsController_deal',
  summary: 'A deal as its events tell it now, with its stage history',
}) {}
