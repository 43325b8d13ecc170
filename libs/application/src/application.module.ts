import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { CustomerBatchWriter } from './customers/customer-batch-writer';
import { ExecuteCustomerCommandHandler } from './customers/customer-commands';
import { EraseCustomerDataHandler } from './customers/customer-erasure';
import { ExternalReferenceBackfill } from './customers/external-reference-backfill';
import { ExternalReferenceIndex } from './customers/external-reference-index';
import { LeadIds } from './customers/lead-ids';
import { ExecuteDealCommandHandler } from './deals/deal-commands';
import { COMMAND_OBSERVER, type CommandObserver } from './command-observer';
import { DeciderRunner } from './decider-runner';
import { EventCodec } from './event-codec';
import { ExecuteInteractionCommandHandler } from './interactions/interaction-commands';
import { DefaultPipelineBootstrap } from './pipelines/default-pipeline.bootstrap';
import { ExecutePipelineCommandHandler } from './pipelines/pipeline-commands';
import { RecordReader } from './records/record-reader';
import { Snapshots } from './records/snapshots';
import { ExecuteSegmentCommandHandler } from './segments/segment-commands';

const CommandHandlers = [
  ExecuteCustomerCommandHandler,
  EraseCustomerDataHandler,
  ExecuteDealCommandHandler,
  ExecuteInteractionCommandHandler,
  ExecutePipelineCommandHandler,
  ExecuteSegmentCommandHandler,
];

/** Command handling and record reads; needs PersistenceModule (config and event store) in the process. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    EventCodec,
    {
      provide: DeciderRunner,
      useFactory: (store: EventStore, codec: EventCodec, config: LedgerlineConfig, observer?: CommandObserver) =>
        new DeciderRunner(store, codec, config.commandRetries, observer),
      inject: [EVENT_STORE, EventCodec, LEDGERLINE_CONFIG, { token: COMMAND_OBSERVER, optional: true }],
    },
    {
      provide: ExternalReferenceIndex,
      useFactory: (runner: DeciderRunner) => new ExternalReferenceIndex(runner),
      inject: [DeciderRunner],
    },
    {
      provide: CustomerBatchWriter,
      useFactory: (store: EventStore, codec: EventCodec, runner: DeciderRunner, index: ExternalReferenceIndex) =>
        new CustomerBatchWriter(store, codec, runner, index),
      inject: [EVENT_STORE, EventCodec, DeciderRunner, ExternalReferenceIndex],
    },
    ExternalReferenceBackfill,
    LeadIds,
    Snapshots,
    RecordReader,
    DefaultPipelineBootstrap,
    ...CommandHandlers,
  ],
  exports: [CqrsModule, CustomerBatchWriter, DeciderRunner, EventCodec, ExternalReferenceIndex, LeadIds, RecordReader],
})
export class ApplicationModule {}
