import { ExecuteDealCommand, type CommandContext, type DealRequest } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { v5 as uuidv5 } from 'uuid';
import type { ExternalRefs } from './import-line-plans';

type OpenDealData = Extract<DealRequest, { type: 'OpenDeal' }>['data'];

/**
 * A line of a deal import: the body of POST /v1/deals, the customer also by `externalRefs`, the deal named by our
 * `id` or by `dealRef` (its id in the system it comes from), and how it stands there: open, won or lost.
 */
export type DealLine = Omit<OpenDealData, 'dealId' | 'customerId' | 'pipelineId'> &
  Readonly<{
    id?: string;
    dealRef?: ExternalRefs;
    customerId?: string;
    externalRefs?: ExternalRefs;
    pipelineId?: string;
    status?: 'open' | 'won' | 'lost';
    lostReason?: string;
  }>;

const DEAL_REF_NAMESPACE = 'b3d6f0a2-4c1e-4f7a-9e58-2a7c9d1e6b40';

/** The same deal of the same system is always the same deal here, whatever else the line says. */
export const dealIdForRef = (system: string, externalId: string): string => uuidv5(`${system}\n${externalId.trim()}`, DEAL_REF_NAMESPACE);

const dealIdOf = ({ id, dealRef }: DealLine): string => {
  if (id !== undefined) return id;
  const [system, externalId] = Object.entries(dealRef ?? {})[0];
  return dealIdForRef(system, externalId);
};

/**
 * What POST /v1/deals sends, then /win or /lose for a closed deal: one command, so the deal is stored opened and
 * closed, or not at all. It closes in the line's stage, at the time of the import.
 */
export function dealLineCommand(line: DealLine, customerId: string, context: CommandContext): ExecuteDealCommand {
  const { id: _id, dealRef: _dealRef, externalRefs: _externalRefs, customerId: _customerId, status, lostReason, ...data } = line;
  const dealId = dealIdOf(line);
  const opening: DealRequest = {
    type: 'OpenDeal',
    data: { ...data, pipelineId: data.pipelineId ?? DEFAULT_PIPELINE.pipelineId, customerId, dealId },
  };
  const closing: DealRequest[] =
    status === 'won'
      ? [{ type: 'WinDeal', data: { dealId } }]
      : status === 'lost'
        ? [{ type: 'LoseDeal', data: { dealId, reason: lostReason ?? '' } }]
        : [];
  return new ExecuteDealCommand([opening, ...closing], context);
}
