import { ProjectionStopping } from '@ledgerline/projections';
import type { Producer } from 'kafkajs';
import type { OutboundMessage } from '../contracts/cloud-event';
import { PublishingStopped, publishAcknowledged } from './publish';

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

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    try {
      await publishAcknowledged(this.producer, messages, this.closing.signal, (message) => this.log(`${this.projection}: ${message}`));
    } catch (error) {
      throw error instanceof PublishingStopped ? new ProjectionStopping(this.projection) : error;
    }
  }

  /** Lets a batch that waits for the broker give up, so that shutdown is not held hostage by an outage. */
  close(): void {
    this.closing.abort();
  }
}
