import type { Change } from '../shared/changes';
import type { Event } from '../shared/decider';
import { eventTypeNames } from '../shared/event-types';
import type { Money } from '../shared/money';

/** What was agreed on so far; `probability` is the stage's win probability (whole percent) when the deal entered it. */
export type DealTerms = Readonly<{
  customerId: string;
  title: string;
  amount: string;
  currency: string;
  pipelineId: string;
  stageId: string;
  probability: number;
  expectedCloseDate: string | null;
  owner: string | null;
}>;

export type DealOpened = Event<'DealOpened', { dealId: string } & DealTerms & { openedAt: string }>;

export type DealStageChanged = Event<
  'DealStageChanged',
  { dealId: string; from: string; to: string; probability: number; changedAt: string }
>;

export type DealAmountChanged = Event<'DealAmountChanged', { dealId: string; from: Money; to: Money }>;

export type DealExpectedCloseDateChanged = Event<'DealExpectedCloseDateChanged', { dealId: string } & Change<string | null>>;

export type DealRenamed = Event<'DealRenamed', { dealId: string } & Change<string>>;

export type DealReassigned = Event<'DealReassigned', { dealId: string; from: string | null; to: string }>;

/** Says what was won and from which stage, so revenue and funnel readers need no other event. */
export type DealWon = Event<'DealWon', { dealId: string; amount: string; currency: string; stageId: string; wonAt: string }>;

export type DealLost = Event<'DealLost', { dealId: string; reason: string; stageId: string; lostAt: string }>;

/** `from` is how the deal had been closed. */
export type DealReopened = Event<
  'DealReopened',
  { dealId: string; from: 'won' | 'lost'; stageId: string; probability: number; reopenedAt: string }
>;

export type DealEvent =
  | DealOpened
  | DealStageChanged
  | DealAmountChanged
  | DealExpectedCloseDateChanged
  | DealRenamed
  | DealReassigned
  | DealWon
  | DealLost
  | DealReopened;

export const DEAL_EVENT_TYPES = eventTypeNames<DealEvent['type']>({
  DealOpened: true,
  DealStageChanged: true,
  DealAmountChanged: true,
  DealExpectedCloseDateChanged: true,
  DealRenamed: true,
  DealReassigned: true,
  DealWon: true,
  DealLost: true,
  DealReopened: true,
});
