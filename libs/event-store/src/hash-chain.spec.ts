import { canonicalJson } from './hash-chain';

describe('canonical JSON, as PostgreSQL renders jsonb', () => {
  it('orders keys shorter first, then bytewise, with ", " and ": " between', () => {
    expect(canonicalJson({ bb: 1, a: [true, null, 'x'], ab: { z: {}, y: [] } })).toBe(
      '{"a": [true, null, "x"], "ab": {"y": [], "z": {}}, "bb": 1}',
    );
    expect(canonicalJson({ é: 1, z: 2 })).toBe('{"z": 2, "é": 1}');
  });

  it.each([
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [-3e-7, '-0.0000003'],
    [1.25e-10, '0.000000000125'],
    [123.456, '123.456'],
    [-0, '0'],
    [9007199254740991, '9007199254740991'],
  ])('writes %p as %s, without an exponent', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('leaves out undefined, function and symbol members and writes undefined array items as null, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: () => 1, d: Symbol('d') })).toBe('{"b": [null, 1]}');
  });

  it('orders each object by its own keys, whatever keys another object had', () => {
    expect(canonicalJson({ 'a\u0000b': 1, c: 2 })).toBe('{"c": 2, "a\\u0000b": 1}');
    expect(canonicalJson({ a: 1, 'b\u0000c': 2 })).toBe('{"a": 1, "b\\u0000c": 2}');
  });
});
