import { OffsetWatermark } from './offset-watermark';

describe('the offset watermark of a batch', () => {
  it('given records settled in order, moves with each one', () => {
    const watermark = new OffsetWatermark(['10', '11', '12']);
    expect(['10', '11', '12'].map((offset) => watermark.settle(offset))).toEqual(['10', '11', '12']);
  });

  it('given a later record settled first, stays below the one still in flight', () => {
    const watermark = new OffsetWatermark(['10', '11', '12']);
    expect(watermark.settle('11')).toBeUndefined();
    expect(watermark.settle('12')).toBeUndefined();
    expect(watermark.settle('10')).toBe('12');
  });

  it('given a record that never settles (the consumer stops), never passes it', () => {
    const watermark = new OffsetWatermark(['10', '11', '12', '13']);
    watermark.settle('10');
    watermark.settle('12');
    expect(watermark.settle('13')).toBeUndefined();
  });

  it('given gaps between the offsets of a batch, moves over them', () => {
    const watermark = new OffsetWatermark(['10', '14', '20']);
    expect(watermark.settle('14')).toBeUndefined();
    expect(watermark.settle('10')).toBe('14');
    expect(watermark.settle('20')).toBe('20');
  });
});
