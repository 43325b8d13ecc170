import { dataSubjectOfStream, SEALED_SINCE_VERSION, TYPES_STORED_IN_PLAINTEXT } from '@ledgerline/domain';
import type { EventUpgrade, RecordedEvent } from '@ledgerline/event-store';
import type { PersonalDataSealer } from './personal-data-sealer';

const PLAINTEXT_VERSION = SEALED_SINCE_VERSION - 1;

/**
 * The upgrade step that brought sealing (docs/adr/0009, "Events stored in plaintext before encryption"): the personal
 * fields of every event stored before it are sealed with their subject's key, and the event becomes the version that
 * seals them, as if it had been written so. An erased subject's values are sealed with a key kept nowhere: they read
 * as ERASED, and their plaintext is gone from the table. It covers the types written before sealing existed; a type
 * added later is sealed from its first version. The step's name holds the types it covers, so that a release that
 * seals a further type of plaintext past runs it again.
 */
export function plaintextSealing(sealer: PersonalDataSealer): EventUpgrade {
  const types = [...TYPES_STORED_IN_PLAINTEXT].sort();
  return {
    step: `seal the personal fields of ${types.join(', ')}`,
    types,
    schemaVersion: PLAINTEXT_VERSION,
    rewrite: async (streams) => {
      const records = [...streams];
      const plaintext = (event: RecordedEvent) => event.schemaVersion === PLAINTEXT_VERSION && types.includes(event.type);
      const sealed = await sealer.seal(
        records.map(([streamId, events]) => ({
          streamId,
          events: events.filter(plaintext),
          subject: dataSubjectOfStream(streamId, events),
        })),
        'shred',
      );
      return new Map(
        records.map(([streamId, events], index) => {
          let next = 0;
          return [
            streamId,
            events.map((event) =>
              plaintext(event) ? { ...event, data: sealed[index][next++].data, schemaVersion: SEALED_SINCE_VERSION } : event,
            ),
          ];
        }),
      );
    },
  };
}
