import { ApiProperty } from '@nestjs/swagger';
import type { CommandOutcome } from '@ledgerline/application';
import type { Response } from 'express';
import { setEtag } from './etag';

/** What a command answers: the record and the revision it is at now (also in the ETag). */
export class RecordReference {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: "Revision of the record's last event; send it as If-Match to write only if it is unchanged" })
  revision!: number;
}

export function answer(response: Response, id: string, outcome: CommandOutcome<unknown>): RecordReference {
  setEtag(response, outcome.revision);
  return { id, revision: outcome.revision ?? -1 };
}

/** A created record also answers with its Location. */
export function answerCreated(response: Response, location: string, id: string, outcome: CommandOutcome<unknown>): RecordReference {
  response.setHeader('Location', location);
  return answer(response, id, outcome);
}
