import { decodeCursor, encodeCursor, InvalidCursor } from './cursor';

describe('page cursors', () => {
  it('are base64url JSON of the two strings, the form clients already hold', () => {
    expect(encodeCursor('timeline', '42')).toBe(Buffer.from('["timeline","42"]').toString('base64url'));
  });

  it('decode to the strings they were made of', () => {
    expect(decodeCursor(encodeCursor('acme gmbh', '0b7e0c5e-4f5a-4d1e-9a53-2f0c1f6d8a11'))).toEqual([
      'acme gmbh',
      '0b7e0c5e-4f5a-4d1e-9a53-2f0c1f6d8a11',
    ]);
  });

  it.each([
    ['not base64 JSON', 'bm9wZQ'],
    ['one part', Buffer.from('["a"]').toString('base64url')],
    ['three parts', Buffer.from('["a","b","c"]').toString('base64url')],
    ['a number part', Buffer.from('["timeline",42]').toString('base64url')],
    ['an object', Buffer.from('{"a":"b"}').toString('base64url')],
  ])('refuse %s', (_case, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursor);
  });

  it('refuse what the reader does not accept', () => {
    const cursor = encodeCursor('deals', 'x');
    expect(() => decodeCursor(cursor, (tag) => tag === 'timeline')).toThrow(InvalidCursor);
    expect(decodeCursor(cursor, (tag) => tag === 'deals')).toEqual(['deals', 'x']);
  });
});
