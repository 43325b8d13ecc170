import { commandsOf, TEST_NOW } from '../testing/given-when-then';
import type { SegmentCommand } from './segment.commands';
import type { SegmentDefined } from './segment.events';
import type { SegmentRule } from './segment.rules';

export const SEGMENT_ID = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';

export const segmentCommand = commandsOf<SegmentCommand>();

/** Customers who bought at least twice and have not been contacted for 30 days. */
export const LAPSING_BUYERS: SegmentRule = {
  all: [
    { fact: 'orderCount', op: 'gte', value: 2 },
    { fact: 'daysSinceLastInteraction', op: 'gte', value: 30 },
  ],
};

export const segmentDefined: SegmentDefined = {
  type: 'SegmentDefined',
  data: { segmentId: SEGMENT_ID, name: 'Lapsing buyers', description: null, rule: LAPSING_BUYERS, definedAt: TEST_NOW.toISOString() },
};
