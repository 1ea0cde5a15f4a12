import { describe, expect, it } from 'vitest';
import { foldText, inputEnd, inputStart } from './fold-text';

describe('foldText', () => {
  it('returns the input itself when there is nothing to fold', () => {
    const input = 'Call (212) 555-0143, café ok';
    const folded = foldText(input);
    expect(folded.text).toBe(input);
    expect(folded.origin).toBeNull();
  });

  it('folds digits of other scripts, full-width punctuation and odd spaces', () => {
    expect(foldText('＋８１（３）１２３４－５６７８').text).toBe('+81(3)1234-5678');
    expect(foldText('٠٥٠ ١٢٣ ٤٥٦٧').text).toBe('050 123 4567');
    expect(foldText('۰۲۱\u00a0۱۲۳۴').text).toBe('021 1234');
    expect(foldText('०२२ २५५५ ०१२३').text).toBe('022 2555 0123');
    expect(foldText('01\u202f99\u202f00').text).toBe('01 99 00');
    expect(foldText('03ー1234ー5678').text).toBe('03-1234-5678');
  });

  it('keeps en and em dashes, which mean a range', () => {
    expect(foldText('1990–2026 ö').text).toBe('1990–2026 ö');
  });

  it('drops soft hyphens and bidi marks and maps offsets back', () => {
    const input = 'Tel \u200e+49\u00ad30\u200f x';
    const folded = foldText(input);
    expect(folded.text).toBe('Tel +4930 x');
    const start = folded.text.indexOf('+');
    const end = start + '+4930'.length;
    expect(input.slice(inputStart(folded, start), inputEnd(folded, input, end))).toBe('+49\u00ad30');
    expect(inputStart(folded, folded.text.length)).toBe(input.length);
  });

  it('counts an astral digit as its two code units', () => {
    const input = 'a 𝟘𝟙𝟚 b';
    const folded = foldText(input);
    expect(folded.text).toBe('a 012 b');
    expect(input.slice(inputStart(folded, 2), inputEnd(folded, input, 5))).toBe('𝟘𝟙𝟚');
  });
});

describe('the middle dot', () => {
  it('is left as it is: it lists things, it does not group digits', () => {
    expect(foldText('97204·503').text).toBe('97204·503');
    expect(foldText('03・5555').text).toBe('03.5555');
  });
});
