import { InvalidInput, RecordAlreadyExists, RecordNotFound, RuleViolated } from '../shared/domain-error';
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

/** Erasure is final: the record stays, but it takes no changes, deals or interactions (no new personal data). */
export class CustomerIsErased extends RuleViolated {
  override readonly code = 'customer-erased';
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} was erased: it accepts no changes, deals or interactions.`, { customerId });
  }
}

/** The erasure request's reference is not an id (it may name the request, never the person). */
export class InvalidRequestReference extends InvalidInput {
  override readonly code = 'invalid-request-reference';
  constructor() {
    super('requestReference must be 1 to 100 letters, digits or . _ : / # - (a ticket id, not a name or an e-mail).', {
      field: 'requestReference',
    });
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

/** A return names an order, or a SKU of it, the customer has no purchase of. */
export class PurchaseItemNotRecorded extends RuleViolated {
  override readonly code = 'purchase-item-not-recorded';
  constructor(
    readonly orderId: string,
    readonly sku: string,
  ) {
    super(`Purchase ${JSON.stringify(orderId)} has no item ${JSON.stringify(sku)} to return.`, { orderId, sku });
  }
}

export class ReturnExceedsPurchase extends RuleViolated {
  override readonly code = 'return-exceeds-purchase';
  constructor(
    readonly orderId: string,
    readonly sku: string,
    readonly returnable: string,
  ) {
    super(`Of item ${JSON.stringify(sku)} of purchase ${JSON.stringify(orderId)}, at most ${returnable} can still be returned.`, {
      orderId,
      sku,
      returnable,
    });
  }
}

/** A reversed purchase no longer counts: nothing of it can be returned. */
export class PurchaseIsReversed extends RuleViolated {
  override readonly code = 'purchase-reversed';
  constructor(readonly orderId: string) {
    super(`Purchase ${JSON.stringify(orderId)} was reversed: nothing of it can be returned.`, { orderId });
  }
}
