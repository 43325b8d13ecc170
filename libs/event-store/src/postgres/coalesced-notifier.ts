import type { Pool } from 'pg';

/**
 * Wakes $all readers in other processes after appends commit. A NOTIFY inside the append
 * transaction would serialise every commit on PostgreSQL's global notify lock (measured: half the
 * throughput at 32 writers, docs/benchmarks.md), so it is sent afterwards, and at most one at a
 * time: appends that commit while one is in flight share the next. A lost notification only
 * delays readers until their next poll.
 */
export class CoalescedNotifier {
  private sending: Promise<void> | undefined;
  private pending = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
  ) {}

  notify(): void {
    if (this.sending) {
      this.pending = true;
      return;
    }
    this.sending = this.send().finally(() => (this.sending = undefined));
  }

  /** Resolves once no notification is in flight. */
  async drain(): Promise<void> {
    await this.sending;
  }

  private async send(): Promise<void> {
    do {
      this.pending = false;
      await this.pool.query(`SELECT pg_notify($1, '')`, [this.channel]).catch(() => undefined);
    } while (this.pending);
  }
}
