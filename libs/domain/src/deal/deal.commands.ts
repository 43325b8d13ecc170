import type { CustomerSnapshot } from '../customer/customer.snapshot';
import type { PipelineSnapshot } from '../pipeline/pipeline.snapshot';
import type { Command } from '../shared/decider';

/**
 * `customer` and `pipeline` are what the application read of those records just before (null: not found);
 * the decider checks the deal against them instead of loading anything.
 */
export type OpenDeal = Command<
  'OpenDeal',
  {
    dealId: string;
    customerId: string;
    title: string;
    /** Decimal text, e.g. "12000.00". */
    amount: string;
    currency: string;
    pipelineId: string;
    stageId: string;
    /** YYYY-MM-DD. */
    expectedCloseDate?: string;
    owner?: string;
    customer: CustomerSnapshot;
    pipeline: PipelineSnapshot | null;
  }
>;

/** `pipeline` is the deal's pipeline as it is now: it says which stages exist and their probabilities. */
export type ChangeDealStage = Command<'ChangeDealStage', { dealId: string; stageId: string; pipeline: PipelineSnapshot }>;

export type ChangeDealAmount = Command<'ChangeDealAmount', { dealId: string; amount: string; currency: string }>;

/** null clears the date. */
export type ChangeDealExpectedCloseDate = Command<'ChangeDealExpectedCloseDate', { dealId: string; expectedCloseDate: string | null }>;

export type RenameDeal = Command<'RenameDeal', { dealId: string; title: string }>;

export type ReassignDeal = Command<'ReassignDeal', { dealId: string; owner: string }>;

export type WinDeal = Command<'WinDeal', { dealId: string }>;

export type LoseDeal = Command<'LoseDeal', { dealId: string; reason: string }>;

/** Back into the stage the deal was closed in, or into `stageId` of its pipeline, which then must come along. */
export type ReopenDeal = Command<
  'ReopenDeal',
  { dealId: string } & ({ stageId?: undefined; pipeline?: undefined } | { stageId: string; pipeline: PipelineSnapshot })
>;

export type DealCommand =
  OpenDeal | ChangeDealStage | ChangeDealAmount | ChangeDealExpectedCloseDate | RenameDeal | ReassignDeal | WinDeal | LoseDeal | ReopenDeal;
