import { CustomerIsArchived, CustomerNotFound } from '../customer/customer.errors';
import { PipelineNotFound, StageNotInPipeline } from '../pipeline/pipeline.errors';
import { InvalidCalendarDate } from '../shared/calendar';
import { InvalidRecordId } from '../shared/identifiers';
import { InvalidAmount, UnknownCurrency } from '../shared/money';
import { TextRequired } from '../shared/text';
import { spec, TEST_NOW } from '../testing/given-when-then';
import { dealDecider } from './deal.decider';
import { DealAlreadyOpened, PipelineMismatch } from './deal.errors';
import { dealOpened, dealWon, openDealCommand, SALES } from './deal.fixtures';

const deal = spec(dealDecider);

describe('OpenDeal', () => {
  it('opens a deal in a stage of its pipeline, with that stage’s probability', () =>
    deal
      .given([])
      .when(openDealCommand({ title: ' Forklift fleet renewal ', expectedCloseDate: '2025-06-30', owner: 'maria', currency: 'eur' }))
      .then([dealOpened({ expectedCloseDate: '2025-06-30', owner: 'maria', openedAt: TEST_NOW.toISOString() })]));

  it('leaves out what was not given as null', () =>
    deal
      .given([])
      .when(openDealCommand({ stageId: 'lead-in', amount: '0' }))
      .then([dealOpened({ stageId: 'lead-in', probability: 10, amount: '0', openedAt: TEST_NOW.toISOString() })]));

  it('refuses to open a deal twice', () =>
    deal.given([dealOpened()]).when(openDealCommand()).thenThrows(DealAlreadyOpened, 'deal-already-opened'));

  it('refuses to open a closed deal again', () =>
    deal.given([dealOpened(), dealWon]).when(openDealCommand()).thenThrows(DealAlreadyOpened));

  it('refuses a customer that does not exist', () =>
    deal
      .given([])
      .when(openDealCommand({ customer: null }))
      .thenThrows(CustomerNotFound, 'customer-not-found'));

  it('refuses an archived customer', () =>
    deal
      .given([])
      .when(openDealCommand({ customer: { status: 'archived' } }))
      .thenThrows(CustomerIsArchived, 'customer-archived'));

  it('refuses a pipeline that does not exist', () =>
    deal
      .given([])
      .when(openDealCommand({ pipeline: null }))
      .thenThrows(PipelineNotFound, 'pipeline-not-found'));

  it('refuses a stage that is not in the pipeline', () =>
    deal
      .given([])
      .when(openDealCommand({ stageId: 'won' }))
      .thenThrows(StageNotInPipeline, 'stage-not-in-pipeline'));

  it('refuses the stages of another pipeline than the one named', () =>
    deal
      .given([])
      .when(openDealCommand({ pipeline: { ...SALES, id: '11111111-2222-4333-8444-555555555555' } }))
      .thenThrows(PipelineMismatch, 'pipeline-mismatch'));

  it.each([
    ['a deal id that is not a UUID', { dealId: 'D-1' }, InvalidRecordId],
    ['a customer id that is not a UUID', { customerId: 'acme' }, InvalidRecordId],
    ['a pipeline id that is not a UUID', { pipelineId: 'sales' }, InvalidRecordId],
    ['a blank title', { title: '' }, TextRequired],
    ['a negative amount', { amount: '-100' }, InvalidAmount],
    ['an unknown currency', { currency: 'XYZ' }, UnknownCurrency],
    ['an impossible close date', { expectedCloseDate: '2025-02-30' }, InvalidCalendarDate],
    ['a blank owner', { owner: ' ' }, TextRequired],
  ])('refuses %s', (_case, data, error) => deal.given([]).when(openDealCommand(data)).thenThrows(error));
});
