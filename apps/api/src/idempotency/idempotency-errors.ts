import type { ProblemDetails } from '../http/problem-details';

/** The same Idempotency-Key came with a different request. */
export class IdempotencyKeyReused extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request; use a new key for a new request');
    this.name = 'IdempotencyKeyReused';
  }
}

/** The first request with this key is still running after the wait bound. */
export class IdempotencyKeyInFlight extends Error {
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry shortly');
    this.name = 'IdempotencyKeyInFlight';
  }
}

/** Replays the problem the first request with this key answered. */
export class ReplayedProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
    this.name = 'ReplayedProblem';
  }
}
