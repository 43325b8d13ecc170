import { oneOf, InvalidChoice } from './choice';
import { InvalidRecordId, InvalidSlug, recordId, slug } from './identifiers';
import { optionalText, requiredText, TextRequired, TextTooLong } from './text';

describe('requiredText', () => {
  it('trims the text', () => expect(requiredText('  Acme  ', 'name', 10)).toBe('Acme'));

  it('counts characters, not UTF-16 units', () => expect(requiredText('😀'.repeat(3), 'name', 3)).toBe('😀😀😀'));

  it('refuses blank text, naming the field', () =>
    expect(() => requiredText(' \n ', 'name', 10)).toThrow(
      expect.objectContaining({ constructor: TextRequired, code: 'text-required', message: 'name must not be empty.' }),
    ));

  it('refuses text that is too long', () =>
    expect(() => requiredText('abcd', 'name', 3)).toThrow(
      expect.objectContaining({ constructor: TextTooLong, code: 'text-too-long', message: 'name must be at most 3 characters long.' }),
    ));
});

describe('optionalText', () => {
  it('makes absent text null', () => {
    expect(optionalText(undefined, 'note', 5)).toBeNull();
    expect(optionalText(null, 'note', 5)).toBeNull();
  });

  it('refuses blank text: null is the one way to say "none"', () => expect(() => optionalText('', 'note', 5)).toThrow(TextRequired));
});

describe('recordId', () => {
  it('accepts a lower-case UUID', () =>
    expect(recordId('0b7e6f2c-3c1d-4e8a-9f4b-2a6d5c1e7f90', 'id')).toBe('0b7e6f2c-3c1d-4e8a-9f4b-2a6d5c1e7f90'));

  it.each([['0B7E6F2C-3C1D-4E8A-9F4B-2A6D5C1E7F90'], ['0b7e6f2c3c1d4e8a9f4b2a6d5c1e7f90'], ['42'], ['']])('refuses %j', (value) =>
    expect(() => recordId(value, 'id')).toThrow(expect.objectContaining({ constructor: InvalidRecordId, code: 'invalid-id' })),
  );
});

describe('slug', () => {
  it.each([['erp'], ['lead-in'], ['stage-2']])('accepts %j', (value) => expect(slug(value, 'system')).toBe(value));

  it.each([['ERP'], ['lead_in'], ['lead--in'], ['-erp'], ['erp-'], [''], ['a'.repeat(65)]])('refuses %j', (value) =>
    expect(() => slug(value, 'system')).toThrow(InvalidSlug),
  );
});

describe('oneOf', () => {
  it('accepts an allowed value', () => expect(oneOf('b', ['a', 'b'], 'letter')).toBe('b'));

  it('refuses any other, listing the allowed ones', () =>
    expect(() => oneOf('c' as 'a', ['a', 'b'], 'letter')).toThrow(
      expect.objectContaining({ constructor: InvalidChoice, message: 'letter must be one of a, b; got "c".' }),
    ));
});
