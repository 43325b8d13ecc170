import { createHash } from 'node:crypto';
import type { EventText, EventToAppend, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence, per stream: every event's hash covers its content and the hash of the event before it in its
 * stream, so an event edited, inserted or removed no longer links with its neighbours (docs/audit.md, "Tamper
 * evidence"). A per-stream chain needs no global order, so every adapter keeps it, EventStoreDB included.
 */

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: everything the writer chose. The store's recordedAt and position come later. */
export type HashedContent = Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'type' | 'schemaVersion' | 'data' | 'metadata'>;

/** Object keys in PostgreSQL jsonb's order: shorter first (in UTF-8 bytes), then bytewise. */
function compareKeys(a: string, b: string): number {
  const [lengthA, lengthB] = [Buffer.byteLength(a), Buffer.byteLength(b)];
  if (lengthA !== lengthB) return lengthA - lengthB;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * A number as PostgreSQL's numeric writes it: JavaScript's shortest digits, never an exponent (1e+21 is written
 * 1000000000000000000000, -3e-7 is -0.0000003).
 */
function plainNumber(value: number): string {
  const text = JSON.stringify(value);
  const exponential = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponential) return text;
  const [, sign, first, rest = '', exponent] = exponential;
  const digits = first + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * One text per value: object keys in jsonb's order, ", " between items, ": " after keys and numbers without an
 * exponent, which is how PostgreSQL renders jsonb, so that it hands out the text a hash covers without a parse and a
 * serialization per event (EventStore.readAllText).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? plainNumber(value) : 'null';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      // A Date, or anything else that says how it is written in JSON.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson(JSON.parse(JSON.stringify(value)));
      return canonicalObject(value as Record<string, unknown>);
    default:
      return JSON.stringify(value) ?? 'null';
  }
}

function canonicalArray(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index++) text += (index === 0 ? '' : ', ') + canonicalJson(items[index] ?? null);
  return `${text}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  let text = '{';
  for (const key of keysInOrder(object)) {
    const member = object[key];
    // Left out as JSON.stringify leaves them out: the store never sees them.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    text += `${text === '{' ? '' : ', '}${JSON.stringify(key)}: ${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/** Events of one type share their objects' key lists: each list is sorted once (up to a bound on how many are kept). */
const KEY_ORDERS = new Map<string, readonly string[]>();
const KEY_ORDERS_KEPT = 10_000;

function keysInOrder(object: Record<string, unknown>): readonly string[] {
  const keys = Object.keys(object);
  if (keys.length < 2) return keys;
  const list = JSON.stringify(keys);
  let ordered = KEY_ORDERS.get(list);
  if (ordered === undefined) {
    ordered = keys.sort(compareKeys);
    if (KEY_ORDERS.size < KEY_ORDERS_KEPT) KEY_ORDERS.set(list, ordered);
  }
  return ordered;
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

const sha256 = (previous: string, text: string) => createHash('sha256').update(`${previous}\n${text}`).digest('hex');

/** SHA-256, hex, of the previous hash, a newline, and the canonical JSON of the event's hashed fields in this order. */
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

/** An event as text (EventText), rendered from the parsed event: for a store that keeps no text of its events. */
export const eventTextOf = (event: RecordedEvent): EventText => ({
  ...event,
  data: canonicalJson(event.data),
  metadata: canonicalJson(event.metadata),
});

/** The event an EventText is the text of. */
export const eventOfText = (text: EventText): RecordedEvent => ({
  ...text,
  data: JSON.parse(text.data),
  metadata: JSON.parse(text.metadata),
});

/** The canonical JSON of an event's hashed fields, put together from its text without a parse. */
export const hashedText = (
  event: Pick<EventText, 'streamId' | 'revision' | 'id' | 'type' | 'schemaVersion' | 'data' | 'metadata'>,
): string =>
  `[${JSON.stringify(event.streamId)}, ${event.revision}, ${JSON.stringify(event.id)}, ${JSON.stringify(event.type)}, ` +
  `${event.schemaVersion}, ${event.data}, ${event.metadata}]`;

/** The hash an event's stored text has after `previous`: its stored hash, unless something changed. */
export const linkHash = (previous: string, link: Parameters<typeof hashedText>[0]): string => sha256(previous, hashedText(link));
