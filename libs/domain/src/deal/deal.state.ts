import { unreachable } from '../shared/decider';
import type { DealEvent, DealTerms } from './deal.events';

export type StageEntry = Readonly<{ stageId: string; enteredAt: string }>;

export type Deal = Readonly<
  { status: 'open' | 'won' | 'lost'; dealId: string } & DealTerms & {
      /** Every stage the deal entered, in order; reopening enters a stage again. */
      stageHistory: readonly StageEntry[];
      openedAt: string;
      closedAt: string | null;
      lostReason: string | null;
    }
>;

/** 'none': the stream holds no event yet. */
export type DealState = Readonly<{ status: 'none' }> | Deal;

export const initialDealState = (): DealState => ({ status: 'none' });

const enterStage = (deal: Deal, stageId: string, probability: number, enteredAt: string): Deal => ({
  ...deal,
  stageId,
  probability,
  stageHistory: [...deal.stageHistory, { stageId, enteredAt }],
});

export const evolveDeal = (state: DealState, event: DealEvent): DealState => {
  if (event.type === 'DealOpened') {
    const { openedAt, ...deal } = event.data;
    return {
      status: 'open',
      ...deal,
      stageHistory: [{ stageId: deal.stageId, enteredAt: openedAt }],
      openedAt,
      closedAt: null,
      lostReason: null,
    };
  }
  // A stream always starts with DealOpened; nothing else can apply to an empty state.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DealStageChanged':
      return enterStage(state, event.data.to, event.data.probability, event.data.changedAt);
    case 'DealAmountChanged':
      return { ...state, ...event.data.to };
    case 'DealExpectedCloseDateChanged':
      return { ...state, expectedCloseDate: event.data.to };
    case 'DealRenamed':
      return { ...state, title: event.data.to };
    case 'DealReassigned':
      return { ...state, owner: event.data.to };
    case 'DealWon': {
      // The event says what was won: readers of the log (revenue, read models) take its amount as the truth.
      const { amount, currency, wonAt } = event.data;
      return { ...state, status: 'won', amount, currency, closedAt: wonAt };
    }
    case 'DealLost':
      return { ...state, status: 'lost', closedAt: event.data.lostAt, lostReason: event.data.reason };
    case 'DealReopened': {
      const { stageId, probability, reopenedAt } = event.data;
      return { ...enterStage(state, stageId, probability, reopenedAt), status: 'open', closedAt: null, lostReason: null };
    }
    default:
      return unreachable(event);
  }
};
