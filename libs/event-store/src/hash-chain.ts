import { createHash } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence, per stream: every event's hash covers its content and the hash of the event before it in its
 * stream, so editing, inserting or removing an event breaks every hash after it (docs/audit.md, "Tamper evidence").
 * A per-stream chain needs no global order, so every adapter keeps it, EventStoreDB included.
 */

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: everything the writer chose. The store's recordedAt and position come later. */
export type HashedContent = Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'type' | 'schemaVersion' | 'data' | 'metadata'>;

/**
 * Object keys in PostgreSQL jsonb's order: shorter first (in UTF-8 bytes), then bytewise. Events read back from
 * jsonb come in this order already, so verifying them can serialize them as they are (see hashMatches).
 */
function compareKeys(a: string, b: string): number {
  const [lengthA, lengthB] = [Buffer.byteLength(a), Buffer.byteLength(b)];
  if (lengthA !== lengthB) return lengthA - lengthB;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** JSON with every object's keys in canonical order and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort(compareKeys)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const fields = (event: HashedContent) => [
  event.streamId,
  event.revision,
  event.id,
  event.type,
  event.schemaVersion,
  event.data,
  event.metadata,
];

const sha256 = (previous: string, text: string) => createHash('sha256').update(previous).update('\n').update(text).digest('hex');

/** SHA-256, hex, of the previous hash, a newline, and the canonical JSON of the event's hashed fields. */
export const eventHash = (previous: string, event: HashedContent): string => sha256(previous, canonicalJson(fields(event)));

/** The hashes of events appended after a stream's head (`previous`: its hash, or GENESIS_HASH for a new stream). */
export function chainHashes(previous: string, streamId: string, firstRevision: number, events: readonly EventToAppend[]): string[] {
  const hashes: string[] = [];
  for (const [index, event] of events.entries()) {
    previous = eventHash(previous, { ...event, streamId, revision: firstRevision + index });
    hashes.push(previous);
  }
  return hashes;
}

/**
 * Whether the event, as read, has the hash `expected` after `previous`. Read from PostgreSQL its objects are in
 * canonical key order already, and plain JSON.stringify gives the canonical text at native speed; only when that
 * does not match is the canonical text built. A match either way proves the content is what was hashed.
 */
export function hashMatches(previous: string, event: HashedContent, expected: string): boolean {
  return sha256(previous, JSON.stringify(fields(event))) === expected || eventHash(previous, event) === expected;
}
