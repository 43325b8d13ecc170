import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordReader } from '@ledgerline/application';
import { ReadErrors } from '../http/api-docs';
import { RecordId } from '../http/record-id';
import { RecordRead } from '../http/record-read';

/** One interaction straight from its stream, at its latest revision. */
@ApiTags('records')
@ReadErrors()
@Controller('v1/interactions')
export class InteractionRecordController {
  constructor(private readonly reader: RecordReader) {}

  // The operationId is the one the route had in the records controller it came from.
  @RecordRead({ operationId: 'RecordsController_interaction', summary: 'An interaction as its events tell it now' })
  get(@RecordId() id: string) {
    return this.reader.current('interaction', id);
  }
}
