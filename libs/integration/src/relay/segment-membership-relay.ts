import { releaseProjectionLock, tryProjectionLock } from '@ledgerline/projections';
import type { Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { membershipMessages, type MembershipChange } from '../contracts/segment-membership.contract';
import { PublishingStopped, publishAcknowledged } from './publish';

export type SegmentMembershipRelayOptions = Readonly<{
  /** How often to look for new changes when there were none. */
  pollMs: number;
  /** How often a standby tries to become the active publisher. */
  standbyRetryMs: number;
  batchSize: number;
  log: (message: string) => void;
}>;

const NAME = 'kafka-segment-relay';

type ChangeRow = { segment_id: string; customer_id: string; entered_at: Date; left_at: Date | null; change_seq: string };

/**
 * Publishes segment membership changes to crm.segment.v1. They are no events of the log but rows of the read model,
 * numbered in commit order (change_seq); this publisher sends them in that order and moves its cursor only after the
 * broker acknowledged: at least once, in order per segment. One active publisher across processes (advisory lock).
 */
export class SegmentMembershipRelay {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: SegmentMembershipRelayOptions,
  ) {}

  start(): void {
    this.running = this.run().catch((error: unknown) => {
      if (!(error instanceof PublishingStopped) && !this.stopping.signal.aborted) {
        this.options.log(`Segment membership relay stopped: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const lock = await tryProjectionLock(this.dataSource, NAME);
      if (!lock) {
        await this.pause(this.options.standbyRetryMs);
        continue;
      }
      try {
        await this.publishWhileActive(lock);
      } finally {
        await releaseProjectionLock(lock).catch(() => undefined);
      }
    }
  }

  private async publishWhileActive(lock: QueryRunner): Promise<void> {
    const [cursor] = (await lock.query(`SELECT last_seq::text AS seq FROM crm.relay_cursors WHERE name = $1`, [NAME])) as { seq: string }[];
    let after = cursor?.seq ?? '0';
    while (!this.stopping.signal.aborted) {
      const rows: ChangeRow[] = await lock.query(
        `SELECT segment_id, customer_id, entered_at, left_at, change_seq::text AS change_seq FROM crm.segment_memberships
         WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
        [after, this.options.batchSize],
      );
      if (rows.length === 0) {
        await this.pause(this.options.pollMs);
        continue;
      }
      const changes: MembershipChange[] = rows.map((row) => ({
        segmentId: row.segment_id,
        customerId: row.customer_id,
        enteredAt: row.entered_at,
        leftAt: row.left_at,
        changeSeq: row.change_seq,
      }));
      await publishAcknowledged(this.producer, changes.flatMap(membershipMessages), this.stopping.signal, (message) =>
        this.options.log(`Segment membership relay: ${message}`),
      );
      after = rows[rows.length - 1].change_seq;
      await lock.query(
        `INSERT INTO crm.relay_cursors (name, last_seq, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at`,
        [NAME, after],
      );
    }
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
