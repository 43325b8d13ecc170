import { unreachable, type Decider } from '../shared/decider';
import { changeDealAmount, changeDealExpectedCloseDate, changeDealStage, reassignDeal, renameDeal } from './deal.changes';
import { loseDeal, reopenDeal, winDeal } from './deal.closing';
import type { DealCommand } from './deal.commands';
import type { DealEvent } from './deal.events';
import { openDeal } from './deal.opening';
import { evolveDeal, initialDealState, type DealState } from './deal.state';

export const decideDeal = (command: DealCommand, state: DealState): readonly DealEvent[] => {
  switch (command.type) {
    case 'OpenDeal':
      return openDeal(command, state);
    case 'ChangeDealStage':
      return changeDealStage(command, state);
    case 'ChangeDealAmount':
      return changeDealAmount(command, state);
    case 'ChangeDealExpectedCloseDate':
      return changeDealExpectedCloseDate(command, state);
    case 'RenameDeal':
      return renameDeal(command, state);
    case 'ReassignDeal':
      return reassignDeal(command, state);
    case 'WinDeal':
      return winDeal(command, state);
    case 'LoseDeal':
      return loseDeal(command, state);
    case 'ReopenDeal':
      return reopenDeal(command, state);
    default:
      return unreachable(command);
  }
};

export const dealDecider: Decider<DealCommand, DealEvent, DealState> = {
  initialState: initialDealState,
  evolve: evolveDeal,
  decide: decideDeal,
};
