import { StageNotInPipeline } from '../pipeline/pipeline.errors';
import { TextRequired } from '../shared/text';
import { spec, TEST_NOW } from '../testing/given-when-then';
import { dealDecider } from './deal.decider';
import { DealAlreadyLost, DealAlreadyWon, DealClosed, DealNotClosed, PipelineMismatch } from './deal.errors';
import { DEAL_ID, dealCommand, dealLost, dealOpened, dealWon, SALES } from './deal.fixtures';

const deal = spec(dealDecider);
const win = dealCommand('WinDeal', { dealId: DEAL_ID });
const lose = (reason: string) => dealCommand('LoseDeal', { dealId: DEAL_ID, reason });
const now = TEST_NOW.toISOString();

describe('WinDeal', () => {
  it('wins the deal, saying what was won and from which stage', () =>
    deal
      .given([dealOpened()])
      .when(win)
      .then([{ type: 'DealWon', data: { dealId: DEAL_ID, amount: '48000', currency: 'EUR', stageId: 'qualified', wonAt: now } }]));

  it('records nothing when the deal is won already', () => deal.given([dealOpened(), dealWon]).when(win).then([]));

  it('refuses to win a lost deal', () => deal.given([dealOpened(), dealLost]).when(win).thenThrows(DealAlreadyLost, 'deal-already-lost'));
});

describe('LoseDeal', () => {
  it('loses the deal for a reason', () =>
    deal
      .given([dealOpened()])
      .when(lose(' No budget this year '))
      .then([{ type: 'DealLost', data: { dealId: DEAL_ID, reason: 'No budget this year', stageId: 'qualified', lostAt: now } }]));

  it('refuses to lose a deal without a reason', () =>
    deal.given([dealOpened()]).when(lose('  ')).thenThrows(TextRequired, 'text-required'));

  it('records nothing when the deal is lost already for that reason', () =>
    deal.given([dealOpened(), dealLost]).when(lose('Went with a competitor')).then([]));

  it('refuses to give a lost deal another reason', () =>
    deal.given([dealOpened(), dealLost]).when(lose('No budget')).thenThrows(DealClosed, 'deal-closed'));

  it('refuses to lose a won deal', () =>
    deal.given([dealOpened(), dealWon]).when(lose('No budget')).thenThrows(DealAlreadyWon, 'deal-already-won'));
});

describe('ReopenDeal', () => {
  it('reopens a won deal in the stage it was won from', () =>
    deal
      .given([dealOpened(), dealWon])
      .when(dealCommand('ReopenDeal', { dealId: DEAL_ID }))
      .then([{ type: 'DealReopened', data: { dealId: DEAL_ID, from: 'won', stageId: 'qualified', probability: 25, reopenedAt: now } }]));

  it('reopens a lost deal in another stage of its pipeline', () =>
    deal
      .given([dealOpened(), dealLost])
      .when(dealCommand('ReopenDeal', { dealId: DEAL_ID, stageId: 'lead-in', pipeline: SALES }))
      .then([{ type: 'DealReopened', data: { dealId: DEAL_ID, from: 'lost', stageId: 'lead-in', probability: 10, reopenedAt: now } }]));

  it('lets a reopened deal change again', () =>
    deal
      .given([
        dealOpened(),
        dealLost,
        { type: 'DealReopened', data: { dealId: DEAL_ID, from: 'lost', stageId: 'qualified', probability: 25, reopenedAt: now } },
      ])
      .when(dealCommand('RenameDeal', { dealId: DEAL_ID, title: 'Second try' }))
      .then([{ type: 'DealRenamed', data: { dealId: DEAL_ID, from: 'Forklift fleet renewal', to: 'Second try' } }]));

  it('refuses to reopen an open deal', () =>
    deal
      .given([dealOpened()])
      .when(dealCommand('ReopenDeal', { dealId: DEAL_ID }))
      .thenThrows(DealNotClosed, 'deal-not-closed'));

  it('refuses a stage that is not in the deal’s pipeline', () =>
    deal
      .given([dealOpened(), dealWon])
      .when(dealCommand('ReopenDeal', { dealId: DEAL_ID, stageId: 'closed-won', pipeline: SALES }))
      .thenThrows(StageNotInPipeline));

  it('refuses the stages of another pipeline', () =>
    deal
      .given([dealOpened(), dealWon])
      .when(
        dealCommand('ReopenDeal', {
          dealId: DEAL_ID,
          stageId: 'lead-in',
          pipeline: { ...SALES, id: '11111111-2222-4333-8444-555555555555' },
        }),
      )
      .thenThrows(PipelineMismatch));
});
