import { ApiProperty } from '@nestjs/swagger';
import type { CommandOutcome } from '@ledgerline/application';

/** What a command answers: the record and the revision it is at now (also in the ETag). */
export class RecordReference {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: "Revision of the record's last event; send it as If-Match to write only if it is unchanged" })
  revision!: number;

  @ApiProperty({
    type: String,
    example: '219550481834311683',
    description:
      'Position in the event log where this state is complete; pass it as ?consistentWith= to read your own write from a read model',
  })
  position!: string;
}

/** The reference a command answers; RecordReferenceHeaders turns it into the ETag (and a creation's Location). */
export function answer(id: string, outcome: CommandOutcome<unknown>): RecordReference {
  // Every command on an existing record, and every creation, leaves the record with at least one event.
  if (outcome.revision === undefined || outcome.position === undefined)
    throw new Error(`${outcome.streamId} has no events after a command`);
  return { id, revision: outcome.revision, position: outcome.position.toString() };
}
