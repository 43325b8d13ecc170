import { changesBetween, hasChanges, patchRequired } from '../shared/changes';
import { unreachable, type Decider } from '../shared/decider';
import { recordId } from '../shared/identifiers';
import { optionalText, requiredText } from '../shared/text';
import type { DefineSegment, RedefineSegment, RetireSegment, SegmentCommand } from './segment.commands';
import type { SegmentDefined, SegmentEvent, SegmentRedefined, SegmentRetired } from './segment.events';
import { SegmentAlreadyDefined, SegmentIsRetired, SegmentNotFound } from './segment.errors';
import { sameRule, segmentRule } from './segment.rules';
import { evolveSegment, initialSegmentState, type Segment, type SegmentState } from './segment.state';

const segmentName = (value: string) => requiredText(value, 'name', 100);
const segmentDescription = (value: string | null | undefined) => optionalText(value, 'description', 1000);

const requireActive = (state: SegmentState, segmentId: string): Segment => {
  if (state.status === 'none') throw new SegmentNotFound(segmentId);
  if (state.status === 'retired') throw new SegmentIsRetired(segmentId);
  return state;
};

const defineSegment = ({ data, metadata }: DefineSegment, state: SegmentState): SegmentDefined[] => {
  if (state.status !== 'none') throw new SegmentAlreadyDefined(data.segmentId);
  return [
    {
      type: 'SegmentDefined',
      data: {
        segmentId: recordId(data.segmentId, 'segmentId'),
        name: segmentName(data.name),
        description: segmentDescription(data.description),
        rule: segmentRule(data.rule),
        definedAt: metadata.now.toISOString(),
      },
    },
  ];
};

const redefineSegment = ({ data, metadata }: RedefineSegment, state: SegmentState): SegmentRedefined[] => {
  const segment = requireActive(state, data.segmentId);
  const rule = data.rule === undefined ? undefined : segmentRule(data.rule);
  const changes = {
    ...changesBetween(segment, {
      name: patchRequired(data.name, segmentName),
      description: data.description === undefined ? undefined : segmentDescription(data.description),
    }),
    ...(rule && !sameRule(rule, segment.rule) ? { rule: { from: segment.rule, to: rule } } : {}),
  };
  if (!hasChanges(changes)) return [];
  return [{ type: 'SegmentRedefined', data: { segmentId: segment.segmentId, changes, redefinedAt: metadata.now.toISOString() } }];
};

const retireSegment = ({ data, metadata }: RetireSegment, state: SegmentState): SegmentRetired[] => {
  if (state.status === 'retired') return [];
  const segment = requireActive(state, data.segmentId);
  return [
    {
      type: 'SegmentRetired',
      data: { segmentId: segment.segmentId, reason: optionalText(data.reason, 'reason', 500), retiredAt: metadata.now.toISOString() },
    },
  ];
};

export const decideSegment = (command: SegmentCommand, state: SegmentState): readonly SegmentEvent[] => {
  switch (command.type) {
    case 'DefineSegment':
      return defineSegment(command, state);
    case 'RedefineSegment':
      return redefineSegment(command, state);
    case 'RetireSegment':
      return retireSegment(command, state);
    default:
      return unreachable(command);
  }
};

export const segmentDecider: Decider<SegmentCommand, SegmentEvent, SegmentState> = {
  initialState: initialSegmentState,
  evolve: evolveSegment,
  decide: decideSegment,
};
