/**
 * The commit point of a batch whose records finish out of order: the last offset below which every record is
 * settled (its effect stored, or dead-lettered). Committing past it could lose a record still in flight when
 * the process dies; committing up to it replays only records that change nothing the second time.
 */
export class OffsetWatermark {
  private readonly settled = new Set<string>();
  private next = 0;

  /** The batch's offsets, in the order of the partition (gaps allowed: compaction, transaction markers). */
  constructor(private readonly offsets: readonly string[]) {}

  /** Marks a record settled; returns the new commit point when it moved, else undefined. */
  settle(offset: string): string | undefined {
    this.settled.add(offset);
    const before = this.next;
    while (this.next < this.offsets.length && this.settled.has(this.offsets[this.next])) {
      this.settled.delete(this.offsets[this.next]);
      this.next += 1;
    }
    return this.next > before ? this.offsets[this.next - 1] : undefined;
  }
}
