import { Inject, Injectable } from '@nestjs/common';
import type { GlobalPosition } from '@ledgerline/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { READ_MODEL_DATABASE } from './tokens';
import { Checkpoints } from './runner/checkpoints';

const POLL_MS = 20;

/** How fresh a read model is, and waiting (bounded) for it to reach a caller's own write. */
@Injectable()
export class ReadModelFreshness {
  private readonly checkpoints: Checkpoints;

  constructor(@Inject(READ_MODEL_DATABASE) dataSource: DataSource) {
    this.checkpoints = new Checkpoints(dataSource.manager);
  }

  async position(projection: string): Promise<GlobalPosition | undefined> {
    return (await this.checkpoints.load(projection))?.position;
  }

  /** The position reached, once it is at least `target` or the time is up (the caller then decides). */
  async waitFor(projection: string, target: GlobalPosition, timeoutMs: number): Promise<GlobalPosition | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const position = await this.position(projection);
      if ((position !== undefined && position >= target) || Date.now() >= deadline) return position;
      await sleep(POLL_MS);
    }
  }
}
