import type { Command } from '../shared/decider';

/** `rule` arrives as JSON and is checked by the decider (see segment.rules.ts). */
export type DefineSegment = Command<'DefineSegment', { segmentId: string; name: string; description?: string | null; rule: unknown }>;

/** Changes what is mentioned; `description: null` clears it. */
export type RedefineSegment = Command<'RedefineSegment', { segmentId: string; name?: string; description?: string | null; rule?: unknown }>;

export type RetireSegment = Command<'RetireSegment', { segmentId: string; reason?: string | null }>;

export type SegmentCommand = DefineSegment | RedefineSegment | RetireSegment;
