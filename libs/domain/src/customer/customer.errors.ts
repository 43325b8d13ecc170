import { RecordAlreadyExists, RecordNotFound, RuleViolated } from '../shared/domain-error';
import type { LifecycleStage } from './customer.events';

export class CustomerAlreadyRegistered extends RecordAlreadyExists {
  override readonly code = 'customer-already-registered';
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} is already registered.`, { customerId });
  }
}

/** Raised for a command to a customer that does not exist, and for a command that names one (a deal's customer). */
export class CustomerNotFound extends RecordNotFound {
  override readonly code = 'customer-not-found';
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} does not exist.`, { customerId });
  }
}

/** Named "Is" so as not to clash with the CustomerArchived event. */
export class CustomerIsArchived extends RuleViolated {
  override readonly code = 'customer-archived';
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} is archived: it accepts no changes, deals or interactions.`, { customerId });
  }
}

export class LifecycleTransitionNotAllowed extends RuleViolated {
  override readonly code = 'lifecycle-transition-not-allowed';
  constructor(
    readonly from: LifecycleStage,
    readonly to: LifecycleStage,
    readonly allowed: readonly LifecycleStage[],
  ) {
    super(`A customer cannot move from ${from} to ${to}; from ${from} it can move to ${allowed.join(' or ')}.`, { from, to, allowed });
  }
}

/** A reversal names an order the customer has no purchase for. */
export class PurchaseNotRecorded extends RuleViolated {
  override readonly code = 'purchase-not-recorded';
  constructor(
    readonly customerId: string,
    readonly orderId: string,
  ) {
    super(`Customer ${customerId} has no purchase ${JSON.stringify(orderId)} to reverse.`, { customerId, orderId });
  }
}
