import { ERASED, PERSONAL_FIELDS, sealedSinceVersionOf } from '@ledgerline/domain';
import type { EventToAppend, RecordedEvent } from '@ledgerline/event-store';
import { openValue, sealValue, type SealedPlace } from './field-cipher';
import { fieldsAt, withFields, type FieldAt } from './field-paths';
import type { ErasedSubjects, Keyring, OpeningKey } from './keyring';
import { isSealedValue } from './sealed-value';

/** An append's events and whose personal data they hold (undefined: a record that holds none). */
export type SealingRequest = Readonly<{ streamId: string; events: readonly EventToAppend[]; subject: string | undefined }>;

/** A personal field of a version that seals them was stored in plaintext: refused rather than passed on. */
export class PlaintextPersonalData extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly path: string,
  ) {
    super(`${streamId}@${revision}: personal field ${path} is stored in plaintext in a version that seals it.`);
    this.name = 'PlaintextPersonalData';
  }
}

/** Events of a record that holds personal data came without their data subject (a bug of the writer). */
export class DataSubjectUnknown extends Error {
  constructor(readonly streamId: string) {
    super(`Personal fields for ${streamId} have no data subject to be sealed for.`);
    this.name = 'DataSubjectUnknown';
  }
}

type Field = FieldAt & Readonly<{ event: number }>;

/** The personal fields of an event that hold a value: null says "no value" and stays as it is. */
const personalFieldsOf = (type: string, data: Readonly<Record<string, unknown>>): FieldAt[] =>
  (PERSONAL_FIELDS.get(type) ?? []).flatMap((pattern) => fieldsAt(data, pattern)).filter(({ value }) => value !== null);

/**
 * Seals personal fields on the way into the store and reveals them on the way out (docs/adr/0009): each value is
 * encrypted with its data subject's key, and reads as ERASED once that key is destroyed. Stored bytes are never
 * rewritten, so the hash chains (which cover the sealed bytes) keep verifying after an erasure.
 */
export class PersonalDataSealer {
  constructor(private readonly keyring: Keyring) {}

  async seal(requests: readonly SealingRequest[], erased: ErasedSubjects = 'refuse'): Promise<EventToAppend[][]> {
    const subjects = requests.flatMap(({ streamId, events, subject }) => {
      if (!events.some((event) => personalFieldsOf(event.type, event.data).length > 0)) return [];
      if (subject === undefined) throw new DataSubjectUnknown(streamId);
      return [subject];
    });
    const keys = subjects.length === 0 ? new Map() : await this.keyring.sealingKeys(subjects, erased);
    return requests.map(({ streamId, events, subject }) =>
      events.map((event) => {
        const fields = personalFieldsOf(event.type, event.data);
        if (fields.length === 0) return event;
        const { key, version } = keys.get(subject as string);
        const sealed = fields.map(({ path, value }) => {
          const place: SealedPlace = { subject: subject as string, streamId, eventId: event.id, path };
          return [path, sealValue(value, key, version, place)] as const;
        });
        return { ...event, data: withFields(event.data, new Map(sealed)) };
      }),
    );
  }

  async reveal(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const sealed: Field[] = [];
    events.forEach((event, index) => {
      for (const field of personalFieldsOf(event.type, event.data)) {
        if (isSealedValue(field.value)) sealed.push({ ...field, event: index });
        else if (event.schemaVersion >= sealedSinceVersionOf(event.type))
          throw new PlaintextPersonalData(event.streamId, event.revision, field.path);
      }
    });
    if (sealed.length === 0) return [...events];
    const keys = await this.keyring.openingKeys(sealed.map(({ value }) => (value as { sub: string }).sub));
    const opened = events.map(() => new Map<string, unknown>());
    for (const { event, path, value } of sealed) {
      if (!isSealedValue(value)) continue;
      const key = keys.get(value.sub) as OpeningKey;
      const { streamId, id } = events[event];
      opened[event].set(path, key === 'erased' ? ERASED : openValue(value, key.key, { subject: value.sub, streamId, eventId: id, path }));
    }
    return events.map((event, index) => (opened[index].size === 0 ? event : { ...event, data: withFields(event.data, opened[index]) }));
  }
}
