import { describe, expect, it } from 'vitest';
import { isLuhnValid } from './luhn';

describe('isLuhnValid', () => {
  it('accepts test card numbers', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4242424242424242']) {
      expect(isLuhnValid(n)).toBe(true);
    }
  });
  it('rejects a changed digit', () => {
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });
});
