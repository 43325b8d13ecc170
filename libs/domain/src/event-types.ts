import type { CustomerCommand } from './customer/customer.commands';
import { CUSTOMER_EVENT_TYPES, type CustomerEvent } from './customer/customer.events';
import type { DealCommand } from './deal/deal.commands';
import { DEAL_EVENT_TYPES, type DealEvent } from './deal/deal.events';
import type { InteractionCommand } from './interaction/interaction.commands';
import { INTERACTION_EVENT_TYPES, type InteractionEvent } from './interaction/interaction.events';
import type { PipelineCommand } from './pipeline/pipeline.commands';
import { PIPELINE_EVENT_TYPES, type PipelineEvent } from './pipeline/pipeline.events';
import type { SegmentCommand } from './segment/segment.commands';
import { SEGMENT_EVENT_TYPES, type SegmentEvent } from './segment/segment.events';

/** Every event type name, per record kind; a record of kind K lives in the stream `K-<id>`. */
export const EVENT_TYPES = {
  customer: CUSTOMER_EVENT_TYPES,
  deal: DEAL_EVENT_TYPES,
  interaction: INTERACTION_EVENT_TYPES,
  pipeline: PIPELINE_EVENT_TYPES,
  segment: SEGMENT_EVENT_TYPES,
} as const;

export type RecordKind = keyof typeof EVENT_TYPES;

export type DomainEvent = CustomerEvent | DealEvent | InteractionEvent | PipelineEvent | SegmentEvent;

export type DomainCommand = CustomerCommand | DealCommand | InteractionCommand | PipelineCommand | SegmentCommand;
