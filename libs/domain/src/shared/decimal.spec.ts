import { fromUnits, proportion, sumOf, toUnits } from './decimal';

describe('decimal arithmetic', () => {
  it('adds exactly, in canonical form', () => {
    expect(sumOf(['0.1', '0.2'])).toBe('0.3');
    expect(sumOf(['999999999999999.9999', '0.0001'])).toBe('1000000000000000');
    expect(sumOf([])).toBe('0');
  });

  it('round-trips units', () => {
    expect(toUnits('12.5')).toBe(125_000n);
    expect(fromUnits(125_000n)).toBe('12.5');
    expect(fromUnits(7n)).toBe('0.0007');
  });

  it('takes a share rounded half up to 4 fraction digits', () => {
    expect(proportion('100', '1', '3')).toBe('33.3333');
    expect(proportion('200', '1', '3')).toBe('66.6667');
    expect(proportion('0.0001', '1', '2')).toBe('0.0001');
    expect(proportion('59.97', '2.5', '5')).toBe('29.985');
  });
});
