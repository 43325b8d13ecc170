import { RecordAlreadyExists, RecordNotFound, RuleViolated } from '../shared/domain-error';

export class SegmentAlreadyDefined extends RecordAlreadyExists {
  override readonly code = 'segment-already-defined';
  constructor(readonly segmentId: string) {
    super(`Segment ${segmentId} is already defined.`, { segmentId });
  }
}

export class SegmentNotFound extends RecordNotFound {
  override readonly code = 'segment-not-found';
  constructor(readonly segmentId: string) {
    super(`Segment ${segmentId} does not exist.`, { segmentId });
  }
}

/** A retired segment keeps its history; define a new one instead of bringing it back. */
export class SegmentIsRetired extends RuleViolated {
  override readonly code = 'segment-retired';
  constructor(readonly segmentId: string) {
    super(`Segment ${segmentId} is retired and can no longer change; define a new segment instead.`, { segmentId });
  }
}
