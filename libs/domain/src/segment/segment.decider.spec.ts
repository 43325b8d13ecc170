import { TEST_NOW, spec } from '../testing/given-when-then';
import { InvalidRecordId } from '../shared/identifiers';
import { TextRequired } from '../shared/text';
import { segmentDecider } from './segment.decider';
import { SegmentAlreadyDefined, SegmentIsRetired, SegmentNotFound } from './segment.errors';
import { LAPSING_BUYERS, SEGMENT_ID, segmentCommand, segmentDefined } from './segment.fixtures';
import { InvalidSegmentRule, type SegmentRule } from './segment.rules';
import type { SegmentRetired } from './segment.events';

const segment = spec(segmentDecider);
const at = TEST_NOW.toISOString();
const VIP: SegmentRule = { fact: 'tags', op: 'hasAny', value: ['vip'] };
const retired: SegmentRetired = { type: 'SegmentRetired', data: { segmentId: SEGMENT_ID, reason: null, retiredAt: at } };
const redefine = (data: { name?: string; description?: string | null; rule?: unknown }) =>
  segmentCommand('RedefineSegment', { segmentId: SEGMENT_ID, ...data });

describe('DefineSegment', () => {
  it('defines a segment with its checked rule', () =>
    segment
      .given([])
      .when(segmentCommand('DefineSegment', { segmentId: SEGMENT_ID, name: ' Lapsing buyers ', rule: LAPSING_BUYERS }))
      .then([segmentDefined]));

  it('keeps a description', () =>
    segment
      .given([])
      .when(segmentCommand('DefineSegment', { segmentId: SEGMENT_ID, name: 'VIP', description: ' Our best ', rule: VIP }))
      .then([{ type: 'SegmentDefined', data: { segmentId: SEGMENT_ID, name: 'VIP', description: 'Our best', rule: VIP, definedAt: at } }]));

  it('refuses a second definition of the same segment', () =>
    segment
      .given([segmentDefined])
      .when(segmentCommand('DefineSegment', { segmentId: SEGMENT_ID, name: 'Again', rule: VIP }))
      .thenThrows(SegmentAlreadyDefined, 'segment-already-defined'));

  it('refuses an invalid rule, saying where', () =>
    segment
      .given([])
      .when(
        segmentCommand('DefineSegment', { segmentId: SEGMENT_ID, name: 'Bad', rule: { all: [{ fact: 'shoeSize', op: 'eq', value: 42 }] } }),
      )
      .thenThrows(InvalidSegmentRule, 'invalid-segment-rule'));

  it('refuses a segment without a name', () =>
    segment
      .given([])
      .when(segmentCommand('DefineSegment', { segmentId: SEGMENT_ID, name: '  ', rule: VIP }))
      .thenThrows(TextRequired, 'text-required'));

  it('refuses an id that is not a UUID', () =>
    segment
      .given([])
      .when(segmentCommand('DefineSegment', { segmentId: 'vip', name: 'VIP', rule: VIP }))
      .thenThrows(InvalidRecordId, 'invalid-id'));
});

describe('RedefineSegment', () => {
  it('records only what changed, with the rule before and after', () =>
    segment
      .given([segmentDefined])
      .when(redefine({ name: 'Lapsing buyers', description: 'Call them', rule: VIP }))
      .then([
        {
          type: 'SegmentRedefined',
          data: {
            segmentId: SEGMENT_ID,
            changes: { description: { from: null, to: 'Call them' }, rule: { from: LAPSING_BUYERS, to: VIP } },
            redefinedAt: at,
          },
        },
      ]));

  it('changes nothing when the rule is the same once normalised', () =>
    segment
      .given([segmentDefined])
      .when(
        redefine({
          rule: {
            all: [
              { fact: 'orderCount', op: 'gte', value: 2 },
              { value: 30, op: 'gte', fact: 'daysSinceLastInteraction' },
            ],
          },
        }),
      )
      .then([]));

  it('clears the description with null', () =>
    segment
      .given([
        segmentDefined,
        { type: 'SegmentRedefined', data: { segmentId: SEGMENT_ID, changes: { description: { from: null, to: 'x' } }, redefinedAt: at } },
      ])
      .when(redefine({ description: null }))
      .then([
        { type: 'SegmentRedefined', data: { segmentId: SEGMENT_ID, changes: { description: { from: 'x', to: null } }, redefinedAt: at } },
      ]));

  it('refuses an unknown segment', () =>
    segment
      .given([])
      .when(redefine({ name: 'x' }))
      .thenThrows(SegmentNotFound, 'segment-not-found'));

  it('refuses a retired segment', () =>
    segment
      .given([segmentDefined, retired])
      .when(redefine({ name: 'x' }))
      .thenThrows(SegmentIsRetired, 'segment-retired'));

  it('refuses an invalid new rule', () =>
    segment
      .given([segmentDefined])
      .when(redefine({ rule: { any: [] } }))
      .thenThrows(InvalidSegmentRule, 'invalid-segment-rule'));
});

describe('RetireSegment', () => {
  it('retires an active segment with the reason', () =>
    segment
      .given([segmentDefined])
      .when(segmentCommand('RetireSegment', { segmentId: SEGMENT_ID, reason: ' Campaign over ' }))
      .then([{ type: 'SegmentRetired', data: { segmentId: SEGMENT_ID, reason: 'Campaign over', retiredAt: at } }]));

  it('is a no-op for a segment already retired', () =>
    segment
      .given([segmentDefined, retired])
      .when(segmentCommand('RetireSegment', { segmentId: SEGMENT_ID }))
      .then([]));

  it('refuses an unknown segment', () =>
    segment
      .given([])
      .when(segmentCommand('RetireSegment', { segmentId: SEGMENT_ID }))
      .thenThrows(SegmentNotFound, 'segment-not-found'));
});
