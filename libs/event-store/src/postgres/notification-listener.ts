import type { Pool, PoolClient } from 'pg';

/**
 * Keeps one pooled connection LISTENing on a channel and calls `onNotify` for each notification.
 * When that connection drops it reconnects after a delay, then calls `onNotify` once, since
 * notifications sent while nobody listened are lost.
 */
export class NotificationListener {
  private state: 'idle' | 'started' | 'closed' = 'idle';
  private connecting: Promise<void> = Promise.resolve();
  private disconnect: (() => void) | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    /** Called with each notification's payload, and with undefined on each (re)connection: notifications sent while not connected are lost. */
    private readonly onNotify: (payload: string | undefined) => void,
    private readonly reconnectDelayMs: number,
  ) {}

  /** Starts listening (once); never fails, a connection that fails is retried. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'started';
    this.connecting = this.connect();
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    await this.connecting;
    this.disconnect?.();
  }

  private async connect(): Promise<void> {
    let client: PoolClient | undefined;
    let released = false;
    const release = () => {
      if (released || !client) return;
      released = true;
      this.disconnect = undefined;
      client.release(true); // destroyed, not returned to the pool: it is LISTENing
      this.reconnectLater();
    };
    try {
      client = await this.pool.connect();
      client.on('error', release);
      client.on('end', release);
      client.on('notification', (message) => this.onNotify(message.payload));
      await client.query(`LISTEN "${this.channel}"`);
      this.disconnect = release;
      this.onNotify(undefined);
    } catch {
      if (client) release();
      else this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.state !== 'started') return;
    this.reconnectTimer = setTimeout(() => {
      this.connecting = this.connect();
    }, this.reconnectDelayMs);
  }
}
