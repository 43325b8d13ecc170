import { ProjectionStopping } from '@ledgerline/projections';
import type { Producer, TopicMessages } from 'kafkajs';
import { PublishingStopped, sendAcknowledged } from './publish';

/**
 * The sending side of a relay run as a projection: acknowledged sends that wait out an outage, and that a shutdown
 * interrupts as ProjectionStopping (no failure: the runner delivers the batch again next time).
 */
export class ProjectionPublisher {
  private readonly closing = new AbortController();

  constructor(
    private readonly producer: Producer,
    private readonly projection: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Sends one produce request (see produceRequest), acknowledged. */
  async publish(request: readonly TopicMessages[]): Promise<void> {
    try {
      await sendAcknowledged(this.producer, request, this.closing.signal, (message) => this.log(`${this.projection}: ${message}`));
    } catch (error) {
      throw error instanceof PublishingStopped ? new ProjectionStopping(this.projection) : error;
    }
  }

  /** Lets a batch that waits for the broker give up, so that shutdown is not held hostage by an outage. */
  close(): void {
    this.closing.abort();
  }
}
