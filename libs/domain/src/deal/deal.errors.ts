import { InvalidInput, RecordAlreadyExists, RecordNotFound, RuleViolated } from '../shared/domain-error';

export class DealAlreadyOpened extends RecordAlreadyExists {
  override readonly code = 'deal-already-opened';
  constructor(readonly dealId: string) {
    super(`Deal ${dealId} is already open or was opened before.`, { dealId });
  }
}

/** Raised for a command to a deal that does not exist, and for an interaction that names one. */
export class DealNotFound extends RecordNotFound {
  override readonly code = 'deal-not-found';
  constructor(readonly dealId: string) {
    super(`Deal ${dealId} does not exist.`, { dealId });
  }
}

export class DealClosed extends RuleViolated {
  override readonly code = 'deal-closed';
  constructor(
    readonly dealId: string,
    readonly status: 'won' | 'lost',
  ) {
    super(`Deal ${dealId} is ${status}: reopen it before changing it.`, { dealId, status });
  }
}

export class DealAlreadyWon extends RuleViolated {
  override readonly code = 'deal-already-won';
  constructor(readonly dealId: string) {
    super(`Deal ${dealId} is won and cannot be lost; reopen it first if it fell through.`, { dealId });
  }
}

export class DealAlreadyLost extends RuleViolated {
  override readonly code = 'deal-already-lost';
  constructor(readonly dealId: string) {
    super(`Deal ${dealId} is lost and cannot be won; reopen it first.`, { dealId });
  }
}

export class DealNotClosed extends RuleViolated {
  override readonly code = 'deal-not-closed';
  constructor(readonly dealId: string) {
    super(`Deal ${dealId} is open: only a won or lost deal can be reopened.`, { dealId });
  }
}

/** The application passed the facts of another pipeline than the one the command is about: a bug on its side. */
export class PipelineMismatch extends InvalidInput {
  override readonly code = 'pipeline-mismatch';
  constructor(
    readonly expectedPipelineId: string,
    readonly givenPipelineId: string,
  ) {
    super(`The stages given are those of pipeline ${givenPipelineId}, but the deal is in pipeline ${expectedPipelineId}.`, {
      expectedPipelineId,
      givenPipelineId,
    });
  }
}
