// The domain's public API: deciders, their commands, events and states, value objects and errors.

// Kernel
export { decideAll, fold, unreachable } from './shared/decider';
export type { Command, CommandMetadata, Decider, Event } from './shared/decider';
export { DomainError, InvalidInput, RecordAlreadyExists, RecordNotFound, RuleViolated } from './shared/domain-error';
export { defineRecordKind } from './shared/record-kind';
export type { RecordKindDeclaration } from './shared/record-kind';
export {
  EVENT_TYPES,
  RECORD_KIND_NAMES,
  RECORD_KINDS,
  isRecordKind,
  parseStreamId,
  recordIdOf,
  recordKindOfEventType,
  streamIdOf,
} from './record-kinds';
export type { CommandOf, DomainCommand, DomainEvent, EventOf, RecordKind, StateOf } from './record-kinds';
export {
  dataSubjectOf,
  dataSubjectOfStream,
  PERSONAL_FIELDS,
  readsAsStored,
  schemaVersionOf,
  sealedSinceVersionOf,
  TYPES_STORED_IN_PLAINTEXT,
  upcastEvent,
} from './record-kinds';
export { changesOf, ERASED, SEALED_SINCE_VERSION, sealedInVersion2 } from './shared/personal-data';
export type { PersonalData } from './shared/personal-data';
export { UnknownSchemaVersion } from './shared/upcasting';
export type { Upcaster, Upcasters } from './shared/upcasting';
export type { Change, Changes } from './shared/changes';

// Value objects
export { amount, currency, money, sameMoney, InvalidAmount, UnknownCurrency } from './shared/money';
export type { Money } from './shared/money';
export { email, InvalidEmail } from './shared/email';
export { phone, InvalidPhone } from './shared/phone';
export { comparableContactPoint } from './shared/contact-point';
export type { ContactPoint } from './shared/contact-point';
export { country, UnknownCountry } from './shared/country';
export { calendarDate, instant, InvalidCalendarDate, InvalidInstant } from './shared/calendar';
export { optionalText, requiredText, TextRequired, TextTooLong } from './shared/text';
export { recordId, slug, InvalidRecordId, InvalidSlug } from './shared/identifiers';
export { oneOf, InvalidChoice } from './shared/choice';
export { owner } from './shared/owner';

// Customer
export { customerDecider } from './customer/customer.decider';
export type {
  AddCustomerTags,
  ArchiveCustomer,
  AssignCustomerOwner,
  ChangeLifecycleStage,
  CustomerCommand,
  EraseCustomer,
  LinkExternalReference,
  RecordPurchase,
  RegisterCustomer,
  RemoveCustomerAddress,
  RemoveCustomerTags,
  ReturnPurchaseItems,
  ReversePurchase,
  SetCustomerAddress,
  UnlinkExternalReference,
  UpdateCustomerProfile,
} from './customer/customer.commands';
export { ADDRESS_TYPES, CUSTOMER_EVENT_TYPES, CUSTOMER_KINDS, ERASURE_GROUNDS, LIFECYCLE_STAGES } from './customer/customer.events';
export type {
  AddressType,
  CustomerAddressRemoved,
  CustomerAddressSet,
  CustomerArchived,
  CustomerErased,
  CustomerEvent,
  CustomerExternalReferenceLinked,
  CustomerExternalReferenceUnlinked,
  CustomerKind,
  CustomerLifecycleStageChanged,
  CustomerOwnerAssigned,
  CustomerProfile,
  CustomerProfileUpdated,
  CustomerPurchaseRecorded,
  CustomerPurchaseItemsReturned,
  CustomerPurchaseReversed,
  CustomerRegistered,
  CustomerTagsAdded,
  CustomerTagsRemoved,
  CustomFields,
  CustomFieldValue,
  ErasureGround,
  LifecycleStage,
  ProfileChanges,
} from './customer/customer.events';
export type { Customer, CustomerState, Purchase, PurchaseReturn } from './customer/customer.state';
export {
  CustomerAlreadyRegistered,
  CustomerIsArchived,
  CustomerIsErased,
  CustomerNotFound,
  InvalidRequestReference,
  LifecycleTransitionNotAllowed,
  PurchaseIsReversed,
  PurchaseItemNotRecorded,
  PurchaseNotRecorded,
  ReturnExceedsPurchase,
} from './customer/customer.errors';
export { InvalidCustomField, lifecycleStagesAfter } from './customer/customer.values';
export { customerSnapshot } from './customer/customer.snapshot';
export { customerLocation } from './customer/customer.addresses';
export type { PostalAddress, PostalAddressInput } from './shared/postal-address';
export {
  InvalidPurchaseItems,
  MAX_PURCHASE_ITEMS,
  InvalidQuantity,
  PurchaseItemsDoNotSum,
  type PurchaseItem,
  type PurchaseItemInput,
  type ReturnedItem,
} from './customer/customer.purchase-items';
export type { CustomerSnapshot } from './customer/customer.snapshot';

// External reference claims (one id in another system, one customer)
export {
  EXTERNAL_REFERENCE_CLAIM_EVENT_TYPES,
  externalReferenceClaimDecider,
  ExternalReferenceTaken,
  isAbandoned,
} from './external-reference/external-reference-claim';
export type {
  ClaimExternalReference,
  ExternalReferenceClaimCommand,
  ExternalReferenceClaimed,
  ExternalReferenceClaimEvent,
  ExternalReferenceClaimState,
  ExternalReferenceReleased,
  ReleaseExternalReference,
} from './external-reference/external-reference-claim';

// Pipeline
export { pipelineDecider } from './pipeline/pipeline.decider';
export type { ChangePipelineStages, DefinePipeline, PipelineCommand, RenamePipeline } from './pipeline/pipeline.commands';
export { PIPELINE_EVENT_TYPES } from './pipeline/pipeline.events';
export type { PipelineDefined, PipelineEvent, PipelineRenamed, PipelineStage, PipelineStagesChanged } from './pipeline/pipeline.events';
export type { Pipeline, PipelineState } from './pipeline/pipeline.state';
export {
  DuplicateStageId,
  InvalidProbability,
  PipelineAlreadyDefined,
  PipelineNotFound,
  PipelineWithoutStages,
  StageNotInPipeline,
  StageRemovalNotAllowed,
} from './pipeline/pipeline.errors';
export { pipelineSnapshot } from './pipeline/pipeline.snapshot';
export type { PipelineSnapshot } from './pipeline/pipeline.snapshot';
export { DEFAULT_PIPELINE, DEFAULT_PIPELINE_DEFINED, defineDefaultPipeline } from './pipeline/default-pipeline';

// Deal
export { dealDecider } from './deal/deal.decider';
export type {
  ChangeDealAmount,
  ChangeDealExpectedCloseDate,
  ChangeDealStage,
  DealCommand,
  LoseDeal,
  OpenDeal,
  ReassignDeal,
  RenameDeal,
  ReopenDeal,
  WinDeal,
} from './deal/deal.commands';
export { DEAL_EVENT_TYPES } from './deal/deal.events';
export type {
  DealAmountChanged,
  DealEvent,
  DealExpectedCloseDateChanged,
  DealLost,
  DealOpened,
  DealReassigned,
  DealRenamed,
  DealReopened,
  DealStageChanged,
  DealTerms,
  DealWon,
} from './deal/deal.events';
export type { Deal, DealState, StageEntry } from './deal/deal.state';
export {
  DealAlreadyLost,
  DealAlreadyOpened,
  DealAlreadyWon,
  DealClosed,
  DealNotClosed,
  DealNotFound,
  PipelineMismatch,
} from './deal/deal.errors';
export { dealSnapshot } from './deal/deal.snapshot';
export type { DealSnapshot } from './deal/deal.snapshot';

// Interaction
export { interactionDecider } from './interaction/interaction.decider';
export type { AmendInteraction, DeleteInteraction, InteractionCommand, LogInteraction } from './interaction/interaction.commands';
export { CHANNELS, DIRECTIONS, INTERACTION_EVENT_TYPES } from './interaction/interaction.events';
export type {
  Channel,
  Direction,
  InteractionAmended,
  InteractionContent,
  InteractionDeleted,
  InteractionEvent,
  InteractionLogged,
} from './interaction/interaction.events';
export type { Interaction, InteractionState } from './interaction/interaction.state';
export {
  DealOfAnotherCustomer,
  InteractionAlreadyLogged,
  InteractionIsDeleted,
  InteractionNotFound,
} from './interaction/interaction.errors';

// Segment
export { segmentDecider } from './segment/segment.decider';
export type { DefineSegment, RedefineSegment, RetireSegment, SegmentCommand } from './segment/segment.commands';
export { SEGMENT_EVENT_TYPES } from './segment/segment.events';
export type { SegmentDefined, SegmentDefinition, SegmentEvent, SegmentRedefined, SegmentRetired } from './segment/segment.events';
export type { Segment, SegmentState } from './segment/segment.state';
export { SegmentAlreadyDefined, SegmentIsRetired, SegmentNotFound } from './segment/segment.errors';
export {
  CHOICE_FACTS,
  CHOICE_OPERATORS,
  COMPARISONS,
  factsOf,
  InvalidSegmentRule,
  MONEY_FACTS,
  NUMBER_FACTS,
  PURCHASE_FACTS,
  PURCHASE_OPERATORS,
  RFM_FACTS,
  segmentRule,
  TAG_OPERATORS,
  TIME_FACTS,
} from './segment/segment.rules';
export type {
  ChoiceFact,
  Condition,
  MoneyFact,
  NumberFact,
  PurchaseCondition,
  PurchaseFact,
  SegmentFact,
  SegmentRule,
} from './segment/segment.rules';
