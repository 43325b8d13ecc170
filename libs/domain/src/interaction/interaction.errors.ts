import { RecordAlreadyExists, RecordNotFound, RuleViolated } from '../shared/domain-error';

export class InteractionAlreadyLogged extends RecordAlreadyExists {
  override readonly code = 'interaction-already-logged';
  constructor(readonly interactionId: string) {
    super(`Interaction ${interactionId} is already logged.`, { interactionId });
  }
}

export class InteractionNotFound extends RecordNotFound {
  override readonly code = 'interaction-not-found';
  constructor(readonly interactionId: string) {
    super(`Interaction ${interactionId} does not exist.`, { interactionId });
  }
}

/** Named "Is" so as not to clash with the InteractionDeleted event. */
export class InteractionIsDeleted extends RuleViolated {
  override readonly code = 'interaction-deleted';
  constructor(readonly interactionId: string) {
    super(`Interaction ${interactionId} was deleted and accepts no further changes.`, { interactionId });
  }
}

export class DealOfAnotherCustomer extends RuleViolated {
  override readonly code = 'deal-of-another-customer';
  constructor(
    readonly dealId: string,
    readonly customerId: string,
    readonly dealCustomerId: string,
  ) {
    super(`Deal ${dealId} belongs to customer ${dealCustomerId}, not to customer ${customerId}.`, { dealId, customerId, dealCustomerId });
  }
}
