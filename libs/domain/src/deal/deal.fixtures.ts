import { CUSTOMER_ID } from '../customer/customer.fixtures';
import { DEFAULT_PIPELINE } from '../pipeline/default-pipeline';
import type { PipelineSnapshot } from '../pipeline/pipeline.snapshot';
import { commandsOf } from '../testing/given-when-then';
import type { DealCommand, OpenDeal } from './deal.commands';
import type { DealLost, DealOpened, DealWon } from './deal.events';

export const DEAL_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
export { CUSTOMER_ID };

export const dealCommand = commandsOf<DealCommand>();

export const SALES: PipelineSnapshot = { id: DEFAULT_PIPELINE.pipelineId, stages: DEFAULT_PIPELINE.stages };

export const openDealCommand = (data: Partial<OpenDeal['data']> = {}): OpenDeal =>
  dealCommand('OpenDeal', {
    dealId: DEAL_ID,
    customerId: CUSTOMER_ID,
    title: 'Forklift fleet renewal',
    amount: '48000.00',
    currency: 'EUR',
    pipelineId: SALES.id,
    stageId: 'qualified',
    customer: { status: 'active' },
    pipeline: SALES,
    ...data,
  });

export const dealOpened = (data: Partial<DealOpened['data']> = {}): DealOpened => ({
  type: 'DealOpened',
  data: {
    dealId: DEAL_ID,
    customerId: CUSTOMER_ID,
    title: 'Forklift fleet renewal',
    amount: '48000',
    currency: 'EUR',
    pipelineId: SALES.id,
    stageId: 'qualified',
    probability: 25,
    expectedCloseDate: null,
    owner: null,
    openedAt: '2025-01-15T09:00:00.000Z',
    ...data,
  },
});

export const dealWon: DealWon = {
  type: 'DealWon',
  data: { dealId: DEAL_ID, amount: '48000', currency: 'EUR', stageId: 'qualified', wonAt: '2025-02-20T16:00:00.000Z' },
};

export const dealLost: DealLost = {
  type: 'DealLost',
  data: { dealId: DEAL_ID, reason: 'Went with a competitor', stageId: 'qualified', lostAt: '2025-02-20T16:00:00.000Z' },
};

/** One valid command of each kind that changes an open deal's terms. */
export const changesToAnOpenDeal: readonly DealCommand[] = [
  dealCommand('ChangeDealStage', { dealId: DEAL_ID, stageId: 'proposal', pipeline: SALES }),
  dealCommand('ChangeDealAmount', { dealId: DEAL_ID, amount: '50000', currency: 'EUR' }),
  dealCommand('ChangeDealExpectedCloseDate', { dealId: DEAL_ID, expectedCloseDate: '2025-06-30' }),
  dealCommand('RenameDeal', { dealId: DEAL_ID, title: 'Forklift fleet' }),
  dealCommand('ReassignDeal', { dealId: DEAL_ID, owner: 'li' }),
];
