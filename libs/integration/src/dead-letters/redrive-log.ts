import { SYSTEM_ACTOR, type DeciderRunner } from '@ledgerline/application';
import type { Command, Decider, Event } from '@ledgerline/domain';
import { v5 as uuidv5 } from 'uuid';
import type { DeadLetterRecord } from './dead-letter-records';

export const DEAD_LETTER_REDRIVEN = 'DeadLetterRedriven';

/** What redriving a dead letter did, once it is settled: it had its effect, or there was nothing to change. */
export type SettledRedrive = 'applied' | 'unchanged';

type Redriven = Event<
  typeof DEAD_LETTER_REDRIVEN,
  { dlqTopic: string; partition: number; offset: string; messageId: string | null; outcome: SettledRedrive; redrivenAt: string }
>;
type RecordRedrive = Command<'RecordRedrive', Redriven['data']>;
export type RedriveState = Readonly<{ redriven: Redriven['data'] | null }>;

const REDRIVE_NAMESPACE = 'c3a5e7f1-8b2d-4c6e-9f10-2a4b6c8d0e12';

/** A uuid of the dead letter's address: a topic name may hold characters a stream id should not. */
const streamOf = ({ dlqTopic, partition, offset }: Pick<DeadLetterRecord, 'dlqTopic' | 'partition' | 'offset'>) =>
  `dlqredrive-${uuidv5(`${dlqTopic}\n${partition}\n${offset}`, REDRIVE_NAMESPACE)}`;

/** A dead letter is redriven once: a second redrive finds the first and records nothing. */
const redriveDecider: Decider<RecordRedrive, Redriven, RedriveState> = {
  initialState: () => ({ redriven: null }),
  evolve: (_state, event) => ({ redriven: event.data }),
  decide: (command, state) => (state.redriven === null ? [{ type: DEAD_LETTER_REDRIVEN, data: command.data }] : []),
};

/**
 * Which dead letters were redriven, and with what effect: one internal stream per dead letter (like the claims of
 * docs/adr/0006, not a record kind: neither projected nor published). Written after the redrive had its effect: a
 * crash in between leaves it unrecorded, and the next redrive finds the effect by the message id and changes nothing.
 */
export class RedriveLog {
  constructor(private readonly runner: DeciderRunner) {}

  async find(record: DeadLetterRecord): Promise<RedriveState['redriven']> {
    return (await this.runner.load(redriveDecider, streamOf(record))).state.redriven;
  }

  async record(record: DeadLetterRecord, messageId: string | null, outcome: SettledRedrive, now: Date): Promise<void> {
    const { dlqTopic, partition, offset } = record;
    const data = { dlqTopic, partition, offset, messageId, outcome, redrivenAt: now.toISOString() };
    await this.runner.execute(
      redriveDecider,
      streamOf(record),
      { type: 'RecordRedrive', data, metadata: { now } },
      {
        actor: { ...SYSTEM_ACTOR, name: 'ledgerline dlq redrive', authMethod: 'internal' },
        correlationId: messageId ?? streamOf(record),
        causationId: messageId ?? streamOf(record),
        source: 'cli',
        now,
      },
    );
  }
}
