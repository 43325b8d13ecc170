import { OffsetWatermark } from './offset-watermark';

/**
 * A batch's records as they settle: the watermark to resolve, and a halt once one record is left unsettled (the
 * consumer stops, the group rebalances): no later record may run then, it could overtake one of its customer.
 */
export class BatchProgress {
  private halted = false;

  private readonly watermark: OffsetWatermark;

  constructor(
    offsets: readonly string[],
    private readonly resolveOffset: (offset: string) => void,
    private readonly stillOurs: () => boolean,
  ) {
    this.watermark = new OffsetWatermark(offsets);
  }

  mayStart(): boolean {
    if (!this.stillOurs()) this.halted = true;
    return !this.halted;
  }

  halt(): void {
    this.halted = true;
  }

  settled(offset: string): void {
    const upTo = this.watermark.settle(offset);
    if (upTo !== undefined) this.resolveOffset(upTo);
  }
}
