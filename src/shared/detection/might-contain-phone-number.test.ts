import { describe, expect, it } from 'vitest';
import { mightContainPhoneNumber } from './might-contain-phone-number';

describe('mightContainPhoneNumber', () => {
  it.each([
    'Call (212) 555-0143 today',
    '+49 30 901820',
    'Tel.: 0221\u00ad4710\u00ad123',
    '٠٥٠ ١٢٣ ٤٥٦٧',
    '０３－１２３４－５６７８',
    'Order flowers at 1-800-FLOWERS',
    'call 888-GOT-JUNK',
    '𝟘𝟙𝟟𝟙 𝟙𝟚𝟛𝟜𝟝',
  ])('lets through %s', (text) => {
    expect(mightContainPhoneNumber(text)).toBe(true);
  });

  it.each([
    '',
    'The quick brown fox jumps over the lazy dog.',
    'In 2026 we met 3 times, on 4 days.',
    'Version 1.2, page 34',
    'Die Straße ist 12 km lang und 300 m breit.',
    '東京都千代田区の会社です。',
    'Top 100 lists',
  ])('rejects %s', (text) => {
    expect(mightContainPhoneNumber(text)).toBe(false);
  });
});
