import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordReader } from '@ledgerline/application';
import { ReadErrors } from '../http/api-docs';
import { RecordId } from '../http/record-id';
import { RecordRead } from '../http/record-read';

/** One deal straight from its stream, with the stage history its events tell; the deal list reads the pipeline read model. */
@ApiTags('records')
@ReadErrors()
@Controller('v1/deals')
export class DealRecordController {
  constructor(private readonly reader: RecordReader) {}

  // The operationId is the one the route had in the records controller it came from.
  @RecordRead({ operationId: 'RecordsController_deal', summary: 'A deal as its events tell it now, with its stage history' })
  get(@RecordId() id: string) {
    return this.reader.current('deal', id);
  }
}
