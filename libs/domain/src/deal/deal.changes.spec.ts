import { StageNotInPipeline } from '../pipeline/pipeline.errors';
import { InvalidCalendarDate } from '../shared/calendar';
import { InvalidAmount, UnknownCurrency } from '../shared/money';
import { TextRequired } from '../shared/text';
import { spec, TEST_NOW } from '../testing/given-when-then';
import { dealDecider } from './deal.decider';
import { DealClosed, DealNotFound, PipelineMismatch } from './deal.errors';
import { changesToAnOpenDeal, DEAL_ID, dealCommand, dealLost, dealOpened, dealWon, SALES } from './deal.fixtures';

const deal = spec(dealDecider);
const opened = dealOpened({ expectedCloseDate: '2025-06-30', owner: 'maria' });

describe('ChangeDealStage', () => {
  const moveTo = (stageId: string, pipeline = SALES) => dealCommand('ChangeDealStage', { dealId: DEAL_ID, stageId, pipeline });

  it('moves the deal and takes the new stage’s probability', () =>
    deal
      .given([opened])
      .when(moveTo('negotiation'))
      .then([
        {
          type: 'DealStageChanged',
          data: { dealId: DEAL_ID, from: 'qualified', to: 'negotiation', probability: 75, changedAt: TEST_NOW.toISOString() },
        },
      ]));

  it('records nothing when the deal is in that stage already', () => deal.given([opened]).when(moveTo('qualified')).then([]));

  it('refuses a stage that is not in the deal’s pipeline', () =>
    deal.given([opened]).when(moveTo('signed')).thenThrows(StageNotInPipeline, 'stage-not-in-pipeline'));

  it('refuses the stages of another pipeline', () =>
    deal
      .given([opened])
      .when(moveTo('proposal', { ...SALES, id: '11111111-2222-4333-8444-555555555555' }))
      .thenThrows(PipelineMismatch));
});

describe('ChangeDealAmount', () => {
  const changeAmount = (amount: string, currency = 'EUR') => dealCommand('ChangeDealAmount', { dealId: DEAL_ID, amount, currency });

  it('changes the amount, saying the old and the new one', () =>
    deal
      .given([opened])
      .when(changeAmount('52500.50'))
      .then([
        {
          type: 'DealAmountChanged',
          data: { dealId: DEAL_ID, from: { amount: '48000', currency: 'EUR' }, to: { amount: '52500.5', currency: 'EUR' } },
        },
      ]));

  it('changes the currency alone', () =>
    deal
      .given([opened])
      .when(changeAmount('48000', 'CHF'))
      .then([
        {
          type: 'DealAmountChanged',
          data: { dealId: DEAL_ID, from: { amount: '48000', currency: 'EUR' }, to: { amount: '48000', currency: 'CHF' } },
        },
      ]));

  it('records nothing for the same amount written differently', () =>
    deal.given([opened]).when(changeAmount('048000.000', 'eur')).then([]));

  it('refuses an amount with more than four decimals', () =>
    deal.given([opened]).when(changeAmount('1.23456')).thenThrows(InvalidAmount, 'invalid-amount'));

  it('refuses an unknown currency', () =>
    deal.given([opened]).when(changeAmount('1', 'BTC')).thenThrows(UnknownCurrency, 'invalid-currency'));
});

describe('ChangeDealExpectedCloseDate', () => {
  const changeDate = (expectedCloseDate: string | null) =>
    dealCommand('ChangeDealExpectedCloseDate', { dealId: DEAL_ID, expectedCloseDate });

  it('moves the expected close date', () =>
    deal
      .given([opened])
      .when(changeDate('2025-09-30'))
      .then([{ type: 'DealExpectedCloseDateChanged', data: { dealId: DEAL_ID, from: '2025-06-30', to: '2025-09-30' } }]));

  it('clears the expected close date', () =>
    deal
      .given([opened])
      .when(changeDate(null))
      .then([{ type: 'DealExpectedCloseDateChanged', data: { dealId: DEAL_ID, from: '2025-06-30', to: null } }]));

  it('records nothing when the date stays the same', () => deal.given([opened]).when(changeDate('2025-06-30')).then([]));

  it('refuses a date that is not YYYY-MM-DD', () =>
    deal.given([opened]).when(changeDate('30.06.2025')).thenThrows(InvalidCalendarDate, 'invalid-date'));
});

describe('RenameDeal', () => {
  const rename = (title: string) => dealCommand('RenameDeal', { dealId: DEAL_ID, title });

  it('renames the deal', () =>
    deal
      .given([opened])
      .when(rename('Forklift fleet 2026'))
      .then([{ type: 'DealRenamed', data: { dealId: DEAL_ID, from: 'Forklift fleet renewal', to: 'Forklift fleet 2026' } }]));

  it('records nothing when the title stays the same', () => deal.given([opened]).when(rename(' Forklift fleet renewal ')).then([]));

  it('refuses a blank title', () => deal.given([opened]).when(rename(' ')).thenThrows(TextRequired));
});

describe('ReassignDeal', () => {
  const reassign = (owner: string) => dealCommand('ReassignDeal', { dealId: DEAL_ID, owner });

  it('hands the deal to another owner', () =>
    deal
      .given([opened])
      .when(reassign('li'))
      .then([{ type: 'DealReassigned', data: { dealId: DEAL_ID, from: 'maria', to: 'li' } }]));

  it('gives an ownerless deal its first owner', () =>
    deal
      .given([dealOpened()])
      .when(reassign('li'))
      .then([{ type: 'DealReassigned', data: { dealId: DEAL_ID, from: null, to: 'li' } }]));

  it('records nothing when the owner stays the same', () => deal.given([opened]).when(reassign('maria')).then([]));

  it('refuses a blank owner', () => deal.given([opened]).when(reassign('')).thenThrows(TextRequired));
});

describe('a closed deal', () => {
  const changes = changesToAnOpenDeal.map((command) => [command.type, command] as const);

  it.each(changes)('refuses %s once won', (_type, command) =>
    deal.given([opened, dealWon]).when(command).thenThrows(DealClosed, 'deal-closed'),
  );

  it.each(changes)('refuses %s once lost', (_type, command) =>
    deal.given([opened, dealLost]).when(command).thenThrows(DealClosed, 'deal-closed'),
  );
});

describe('a deal that does not exist', () => {
  const commands = [
    ...changesToAnOpenDeal,
    dealCommand('WinDeal', { dealId: DEAL_ID }),
    dealCommand('LoseDeal', { dealId: DEAL_ID, reason: 'No budget' }),
    dealCommand('ReopenDeal', { dealId: DEAL_ID }),
  ];

  it.each(commands.map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    deal.given([]).when(command).thenThrows(DealNotFound, 'deal-not-found'),
  );
});
