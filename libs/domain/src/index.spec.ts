import { EVENT_TYPES } from './index';

describe('EVENT_TYPES', () => {
  it('lists every event type once, per record kind', () => {
    expect(EVENT_TYPES).toStrictEqual({
      customer: [
        'CustomerRegistered',
        'CustomerProfileUpdated',
        'CustomerLifecycleStageChanged',
        'CustomerOwnerAssigned',
        'CustomerTagsAdded',
        'CustomerTagsRemoved',
        'CustomerExternalReferenceLinked',
        'CustomerExternalReferenceUnlinked',
        'CustomerAddressSet',
        'CustomerAddressRemoved',
        'CustomerPurchaseRecorded',
        'CustomerPurchaseReversed',
        'CustomerPurchaseItemsReturned',
        'CustomerArchived',
        'CustomerErased',
      ],
      deal: [
        'DealOpened',
        'DealStageChanged',
        'DealAmountChanged',
        'DealExpectedCloseDateChanged',
        'DealRenamed',
        'DealReassigned',
        'DealWon',
        'DealLost',
        'DealReopened',
      ],
      interaction: ['InteractionLogged', 'InteractionAmended', 'InteractionDeleted'],
      pipeline: ['PipelineDefined', 'PipelineRenamed', 'PipelineStagesChanged'],
      segment: ['SegmentDefined', 'SegmentRedefined', 'SegmentRetired'],
    });
  });
});
