import type { RecordedEvent } from '@ledgerline/event-store';

/** A handler threw on this event: the projection stops here, the others go on. */
export class ProjectionFailed extends Error {
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'revision' | 'position'>,
    override readonly cause: unknown,
  ) {
    super(
      `Projection ${projection} failed on event ${event.type} ${event.id} (stream ${event.streamId} revision ${event.revision}, ` +
        `position ${event.position}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'ProjectionFailed';
  }
}

/** Thrown by a handler that was asked to stop (shutdown) before it finished: no failure, the batch comes again. */
export class ProjectionStopping extends Error {
  constructor(projection: string) {
    super(`Projection ${projection} is stopping`);
    this.name = 'ProjectionStopping';
  }
}
