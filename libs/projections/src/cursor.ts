/** A page cursor that this API did not hand out (or that was altered). */
export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursor';
  }
}

/** An opaque cursor: two strings (e.g. the sort key and id of a page's last row) as base64url JSON, the form clients hold. */
export const encodeCursor = (first: string, second: string): string => Buffer.from(JSON.stringify([first, second])).toString('base64url');

/** The two strings of a cursor `encodeCursor` made and `accept` approves; anything else is an InvalidCursor. */
export function decodeCursor(cursor: string, accept: (first: string, second: string) => boolean = () => true): [string, string] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
    const [first, second] = decoded as [string, string];
    if (accept(first, second)) return [first, second];
  }
  throw new InvalidCursor();
}
