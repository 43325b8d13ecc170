import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { PROJECTIONS } from '../projections';
import { READ_MODEL_DATABASE } from '../tokens';
import { Checkpoints } from './checkpoints';
import { releaseProjectionLock, tryProjectionLock } from './projection-lock';
import { rebuildProjection, type RebuildProgress } from './rebuild';

const POLL_MS = 200;

export class UnknownProjection extends Error {
  constructor(name: string) {
    super(`No projection is called "${name}"; there are: ${PROJECTIONS.map((projection) => projection.name).join(', ')}`);
    this.name = 'UnknownProjection';
  }
}

/**
 * Rebuilds a projection for an operator. When no runner holds it, this process does the work;
 * when one does (a worker, the embedded API), it is asked to, and its progress is followed.
 */
@Injectable()
export class RebuildService {
  private readonly checkpoints: Checkpoints;

  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.checkpoints = new Checkpoints(dataSource.manager);
  }

  async rebuild(name: string, onProgress: (progress: RebuildProgress) => void): Promise<void> {
    // Subscribers registered at run time (the Kafka relay) are known by their checkpoint only.
    const projection = PROJECTIONS.find((candidate) => candidate.name === name);
    if (!projection && !(await this.checkpoints.load(name))) throw new UnknownProjection(name);
    if (projection) await this.checkpoints.register(projection.name, projection.version);
    const lock = await tryProjectionLock(this.dataSource, name);
    if (lock) {
      try {
        if (!projection) throw new Error(`No process runs ${name} now: start the one that does (with its configuration) and try again`);
        await rebuildProjection(projection, this.store, this.dataSource, onProgress);
      } finally {
        await releaseProjectionLock(lock);
      }
      return;
    }
    await this.checkpoints.requestRebuild(name);
    await this.follow(name, onProgress);
  }

  private async follow(name: string, onProgress: (progress: RebuildProgress) => void): Promise<void> {
    for (;;) {
      await sleep(POLL_MS);
      const checkpoint = await this.checkpoints.load(name);
      if (checkpoint?.state === 'failed') throw new Error(`Rebuilding ${name} failed: ${checkpoint.error}`);
      // The runner that was asked went away (stopped, crashed): nobody will do it unless we do.
      const orphaned = await tryProjectionLock(this.dataSource, name);
      if (orphaned) {
        await releaseProjectionLock(orphaned);
        throw new Error(`The process running ${name} stopped before rebuilding it; run the command again`);
      }
      const progress = await this.checkpoints.rebuildProgress(name);
      if (progress?.startedAt) onProgress({ done: progress.done, total: progress.total, startedAt: progress.startedAt });
      if (!(await this.checkpoints.rebuildRequested(name))) return;
    }
  }
}
