import { applyChanges } from '../shared/changes';
import { unreachable } from '../shared/decider';
import type { SegmentDefinition, SegmentEvent } from './segment.events';

export type Segment = Readonly<{ status: 'active' | 'retired'; segmentId: string; definedAt: string } & SegmentDefinition>;

/** 'none': the stream holds no event yet. */
export type SegmentState = Readonly<{ status: 'none' }> | Segment;

export const initialSegmentState = (): SegmentState => ({ status: 'none' });

export const evolveSegment = (state: SegmentState, event: SegmentEvent): SegmentState => {
  if (event.type === 'SegmentDefined') {
    const { segmentId, name, description, rule, definedAt } = event.data;
    return { status: 'active', segmentId, name, description, rule, definedAt };
  }
  // A stream always starts with SegmentDefined; nothing else can apply to an empty state.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SegmentRedefined':
      return applyChanges(state, event.data.changes);
    case 'SegmentRetired':
      return { ...state, status: 'retired' };
    default:
      return unreachable(event);
  }
};
