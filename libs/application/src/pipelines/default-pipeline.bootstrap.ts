import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { defineDefaultPipeline, DEFAULT_PIPELINE, pipelineDecider, RecordAlreadyExists } from '@ledgerline/domain';
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../command-context';
import { DeciderRunner } from '../decider-runner';
import { streamIds } from '../records/stream-ids';

/** Every installation starts with the default pipeline; each start makes sure it exists. */
@Injectable()
export class DefaultPipelineBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Pipelines');

  constructor(private readonly runner: DeciderRunner) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    const id = randomUUID();
    try {
      const outcome = await this.runner.execute(
        pipelineDecider,
        streamIds.pipeline(DEFAULT_PIPELINE.pipelineId),
        defineDefaultPipeline(now),
        {
          actor: SYSTEM_ACTOR,
          correlationId: id,
          causationId: id,
          // The same key on every node and every start: concurrent first starts append it once.
          idempotencyKey: 'ledgerline:default-pipeline',
          source: 'bootstrap',
          now,
        },
      );
      if (outcome.appended > 0) this.logger.log(`Defined the default pipeline "${DEFAULT_PIPELINE.name}"`);
    } catch (error) {
      if (!(error instanceof RecordAlreadyExists)) throw error;
    }
  }
}
