import {
  EVENT_TYPES,
  fold,
  parseStreamId,
  RECORD_KINDS,
  type Decider,
  type DomainEvent,
  type RecordKind,
  type StateOf,
} from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { v5 as uuidv5 } from 'uuid';
import { cloudEvent, traceHeaders, type OutboundMessage } from './cloud-event';
import { integrationMessages } from './integration-messages';
import type { ExistingRecord, StateContract } from './state-contract';
import { STATE_CONTRACTS } from './state-contracts';

/** Fixed namespace of the ids of state messages: a record's state at one revision always has the same id. */
const STATE_MESSAGE_NAMESPACE = '9c2e7b14-5d3a-4f60-8b1e-6a4d2c9f0e37';

type StateContracts = typeof STATE_CONTRACTS;

const contractOf = (kind: RecordKind | undefined, contracts: StateContracts = STATE_CONTRACTS) =>
  kind ? (contracts[kind] as StateContract<RecordKind> | undefined) : undefined;

/** The internal event types that can change a state topic: the state relay reads only these. */
export const STATE_EVENT_TYPES: readonly DomainEvent['type'][] = (Object.keys(STATE_CONTRACTS) as RecordKind[]).flatMap(
  (kind) => EVENT_TYPES[kind],
);

/**
 * The stream of the record whose published state an event may change: one that becomes a public message or erases
 * the record. A change of unpublished fields only (an e-mail) leaves the state topic as it is.
 */
export function stateStreamOf(event: RecordedEvent, contracts: StateContracts = STATE_CONTRACTS): string | undefined {
  const contract = contractOf(parseStreamId(event.streamId)?.kind, contracts);
  if (!contract) return undefined;
  const erases = (contract.erasedBy as readonly string[]).includes(event.type);
  return erases || integrationMessages(event).length > 0 ? event.streamId : undefined;
}

/**
 * A record's latest public state, from its whole stream folded by the domain's own evolve: keyed by the record id,
 * with the revision it stands at; a tombstone once an erasing event is in the stream. Undefined for an empty stream.
 */
export function stateMessage(
  streamId: string,
  stream: readonly RecordedEvent[],
  contracts: StateContracts = STATE_CONTRACTS,
): OutboundMessage | undefined {
  const record = parseStreamId(streamId);
  const contract = contractOf(record?.kind, contracts);
  const last = stream[stream.length - 1];
  if (!record || !contract || !last) return undefined;
  const base = { topic: contract.topic, key: record.id, headers: traceHeaders(last) };
  if (stream.some((event) => (contract.erasedBy as readonly string[]).includes(event.type))) return { ...base, value: null };
  const decider = RECORD_KINDS[record.kind].decider as unknown as Decider<never, DomainEvent, StateOf<RecordKind>>;
  const state = fold(decider, stream as unknown as DomainEvent[]);
  if (state.status === 'none') return undefined;
  const data = { ...contract.publicState(state as ExistingRecord<RecordKind>), revision: last.revision };
  const id = uuidv5(`${streamId}/${last.revision}`, STATE_MESSAGE_NAMESPACE);
  return { ...base, value: { ...cloudEvent(last, contract.type, record.id, data), id } };
}
