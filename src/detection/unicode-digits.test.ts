import { describe, expect, it } from 'vitest';
import { digitBlocks, digitValue } from './unicode-digits';

describe('digitValue', () => {
  it('reads ASCII, full-width, Arabic-Indic, Persian and Devanagari digits', () => {
    expect(digitValue('7'.codePointAt(0)!)).toBe(7);
    expect(digitValue(0xff19)).toBe(9);
    expect(digitValue(0x0663)).toBe(3);
    expect(digitValue(0x06f5)).toBe(5);
    expect(digitValue(0x0968)).toBe(2);
    expect(digitValue(0x1d7d9)).toBe(1); // mathematical double-struck one
  });

  it('agrees with \\p{Nd} on every code point', () => {
    const nd = /^\p{Nd}$/u;
    let mismatches = 0;
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      if (nd.test(String.fromCodePoint(cp)) !== digitValue(cp) >= 0) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('counts each block from its zero', () => {
    for (const [zero, length] of digitBlocks) {
      expect(digitValue(zero)).toBe(0);
      expect(digitValue(zero + length - 1)).toBe(9);
    }
  });

  it('is -1 for letters and punctuation', () => {
    for (const ch of 'aZ-+ (é٫') expect(digitValue(ch.codePointAt(0)!)).toBe(-1);
  });
});
