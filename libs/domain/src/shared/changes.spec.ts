import { applyChanges, changesBetween, hasChanges, patchOptional, patchRequired } from './changes';

type Card = { title: string; note: string | null; size: number };
const card: Card = { title: 'Call', note: null, size: 1 };

describe('changesBetween', () => {
  it('keeps only the mentioned fields whose value differs, with both values', () => {
    expect(changesBetween<Card>(card, { title: 'Call', note: 'Busy', size: undefined })).toStrictEqual({
      note: { from: null, to: 'Busy' },
    });
  });

  it('finds nothing when nothing differs', () => expect(hasChanges(changesBetween<Card>(card, { title: 'Call' }))).toBe(false));
});

describe('applyChanges', () => {
  it('sets each changed field to its new value', () =>
    expect(applyChanges(card, { note: { from: null, to: 'Busy' }, size: { from: 1, to: 2 } })).toStrictEqual({
      title: 'Call',
      note: 'Busy',
      size: 2,
    }));
});

describe('patchOptional and patchRequired', () => {
  const shout = (text: string) => text.toUpperCase();

  it('leave what is not mentioned unmentioned', () => {
    expect(patchOptional(undefined, shout)).toBeUndefined();
    expect(patchRequired(undefined, shout)).toBeUndefined();
  });

  it('check what is given', () => {
    expect(patchOptional('a', shout)).toBe('A');
    expect(patchRequired('a', shout)).toBe('A');
  });

  it('pass null on as "clear" only for an optional field', () => {
    expect(patchOptional(null, shout)).toBeNull();
    expect(() => patchRequired(null as unknown as string, shout)).toThrow(TypeError);
  });
});
