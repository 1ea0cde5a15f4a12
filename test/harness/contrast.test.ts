import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColour } from './contrast';

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgb(26, 127, 55)', '#1a7f37')).toBeCloseTo(1, 5);
  });
  it('matches a published figure (#767676 on white is the AA threshold, 4.54)', () => {
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });
  it('reads computed colours and refuses translucent ones', () => {
    expect(parseColour('rgba(13, 17, 23, 1)')).toEqual([13, 17, 23]);
    expect(() => parseColour('rgba(0, 0, 0, 0)')).toThrow(/Translucent/);
    expect(() => parseColour('#0003')).toThrow(/Not a colour|Translucent/);
    expect(() => parseColour('Canvas')).toThrow(/Not a colour/);
  });
});
