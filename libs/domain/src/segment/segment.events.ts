import type { Change } from '../shared/changes';
import type { Event } from '../shared/decider';
import { eventTypeNames } from '../shared/event-types';
import type { SegmentRule } from './segment.rules';

export type SegmentDefinition = Readonly<{ name: string; description: string | null; rule: SegmentRule }>;

export type SegmentDefined = Event<'SegmentDefined', { segmentId: string } & SegmentDefinition & { definedAt: string }>;

/** Holds only what changed; a new rule moves members in and out from the moment it is recorded. */
export type SegmentRedefined = Event<
  'SegmentRedefined',
  {
    segmentId: string;
    changes: Readonly<{ name?: Change<string>; description?: Change<string | null>; rule?: Change<SegmentRule> }>;
    redefinedAt: string;
  }
>;

/** Every member leaves; the segment and its membership history stay readable. */
export type SegmentRetired = Event<'SegmentRetired', { segmentId: string; reason: string | null; retiredAt: string }>;

export type SegmentEvent = SegmentDefined | SegmentRedefined | SegmentRetired;

export const SEGMENT_EVENT_TYPES = eventTypeNames<SegmentEvent['type']>({
  SegmentDefined: true,
  SegmentRedefined: true,
  SegmentRetired: true,
});
