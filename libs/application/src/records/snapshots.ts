import { Injectable } from '@nestjs/common';
import {
  customerDecider,
  customerSnapshot,
  dealDecider,
  dealSnapshot,
  DealNotFound,
  PipelineNotFound,
  pipelineDecider,
  pipelineSnapshot,
  type CustomerSnapshot,
  type Deal,
  type DealSnapshot,
  type PipelineSnapshot,
} from '@ledgerline/domain';
import { DeciderRunner } from '../decider-runner';
import { streamIds } from './stream-ids';

/** Reads what a command about one record needs to know of the records it names. */
@Injectable()
export class Snapshots {
  constructor(private readonly runner: DeciderRunner) {}

  async customer(customerId: string): Promise<CustomerSnapshot> {
    return customerSnapshot((await this.runner.load(customerDecider, streamIds.customer(customerId))).state);
  }

  async pipeline(pipelineId: string): Promise<PipelineSnapshot | null> {
    return pipelineSnapshot((await this.runner.load(pipelineDecider, streamIds.pipeline(pipelineId))).state);
  }

  async deal(dealId: string): Promise<DealSnapshot> {
    return dealSnapshot((await this.runner.load(dealDecider, streamIds.deal(dealId))).state);
  }

  /** The pipeline an existing deal sits in, as it is now. */
  async pipelineOfDeal(dealId: string): Promise<PipelineSnapshot> {
    const { state } = await this.runner.load(dealDecider, streamIds.deal(dealId));
    if (state.status === 'none') throw new DealNotFound(dealId);
    const { pipelineId } = state as Deal;
    const pipeline = await this.pipeline(pipelineId);
    if (pipeline === null) throw new PipelineNotFound(pipelineId);
    return pipeline;
  }
}
