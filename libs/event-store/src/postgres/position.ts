import type { GlobalPosition } from '../event-store.port';

/**
 * A $all position packs the sort key (transaction_id, global_position) into one number that sorts
 * the same way: transaction_id * 2^48 + global_position. See docs/adr/0002-postgres-event-ordering.md.
 */
const GLOBAL_POSITION_BITS = 48n;
const GLOBAL_POSITION_MASK = (1n << GLOBAL_POSITION_BITS) - 1n;

export type SortKey = Readonly<{ transactionId: bigint; globalPosition: bigint }>;

export function encodePosition({ transactionId, globalPosition }: SortKey): GlobalPosition {
  if (globalPosition < 0n || globalPosition > GLOBAL_POSITION_MASK)
    throw new RangeError(`global_position ${globalPosition} does not fit in 48 bits`);
  return (transactionId << GLOBAL_POSITION_BITS) | globalPosition;
}

export function decodePosition(position: GlobalPosition): SortKey {
  if (position < 0n) throw new RangeError(`Invalid $all position ${position}`);
  return { transactionId: position >> GLOBAL_POSITION_BITS, globalPosition: position & GLOBAL_POSITION_MASK };
}
