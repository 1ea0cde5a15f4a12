import { describe, expect, it } from 'vitest';
import { cleanDialInput, looksLikeNumber } from './dial-input';

describe('cleanDialInput', () => {
  it.each([
    ['tel:+49-221-2210', '+49-221-2210'],
    ['tel:+1%20415%20555%200142;ext=12', '+1 415 555 0142'],
    ['callto://+442079460958', '+442079460958'],
    ['＋４９ ２２１ ２２１０', '+49 221 2210'],
    ['tel:＋１－４１５－５５５－０１４２', '+1-415-555-0142'],
    ['+1 (415) 555‑0142', '+1 (415) 555-0142'],
    ['\u202a+49 221 2210\u202c', '+49 221 2210'],
    ['٠٢٢١ ٢٢١٠', '0221 2210'],
    ['  sip:bob@pbx.example.com ', 'sip:bob@pbx.example.com'],
    ['bob', 'bob'],
  ])('%j → %j', (input, out) => {
    expect(cleanDialInput(input)).toBe(out);
  });
});

describe('looksLikeNumber', () => {
  it('tells numbers from SIP users', () => {
    expect(looksLikeNumber('+49 (221) 2210')).toBe(true);
    expect(looksLikeNumber('bob')).toBe(false);
    expect(looksLikeNumber('1001')).toBe(true);
    expect(looksLikeNumber('sip:1001@x')).toBe(false);
    expect(looksLikeNumber('')).toBe(false);
  });
});
