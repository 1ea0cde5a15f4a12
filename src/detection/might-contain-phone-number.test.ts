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

describe('mightContainPhoneNumber with the fewest digits of a region', () => {
  it('wants that many digits in a national run, five in international form', () => {
    expect(mightContainPhoneNumber('order 123456789', 10)).toBe(false);
    expect(mightContainPhoneNumber('call 212 555 0147', 10)).toBe(true);
    expect(mightContainPhoneNumber('+683 4002', 10)).toBe(true);
    expect(mightContainPhoneNumber('(+ 47) 2212', 10)).toBe(true);
    expect(mightContainPhoneNumber('(+ 47) 22', 10)).toBe(false);
    expect(mightContainPhoneNumber('00 683 4002', 10)).toBe(true);
    expect(mightContainPhoneNumber('0683 4002', 10)).toBe(false);
    expect(mightContainPhoneNumber('page 12 +', 10)).toBe(false);
    // A + before an earlier run does not carry over to the next one.
    expect(mightContainPhoneNumber('+1 and 45678', 10)).toBe(false);
  });

  it('still spots a toll-free code before vanity letters, wherever it stands in the run', () => {
    for (const text of ['1-800-FLOWERS', '888-555-HELP', '1 877 55 CALLS', '555-800-HELP'])
      expect(mightContainPhoneNumber(text, 10), text).toBe(true);
    expect(mightContainPhoneNumber('555-123-HELP', 10)).toBe(false);
  });

  it('finds a later run after prose, with the + before it and only that +', () => {
    const prose = 'We moved in 2019 to a new office. '.repeat(40);
    expect(mightContainPhoneNumber(`${prose}Call us: + (47) 2212 any day`, 10)).toBe(true);
    expect(mightContainPhoneNumber(`${prose}Call us:\u00a0+\u00ad47 2212`, 10)).toBe(true);
    expect(mightContainPhoneNumber(`${prose}Call +us 47 2212`, 10)).toBe(false);
    expect(mightContainPhoneNumber(`${prose}Call 212 555 0147 today`, 10)).toBe(true);
    expect(mightContainPhoneNumber(`${prose}Ring ０３－１２３４－５６７８`, 9)).toBe(true);
    expect(mightContainPhoneNumber(`${prose}free: 1-800-FLOWERS`, 10)).toBe(true);
    expect(mightContainPhoneNumber(`${prose}and 𝟘𝟙𝟟𝟙 𝟙𝟚𝟛𝟜𝟝`, 9)).toBe(true);
    expect(mightContainPhoneNumber(`${prose}and in 2026 again`, 5)).toBe(false);
  });
});
