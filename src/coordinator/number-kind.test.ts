import { describe, expect, it } from 'vitest';
import { numberKind } from './number-kind';

describe('numberKind (full metadata)', () => {
  it.each([
    ['tel:+499001234567', 'premium-rate'],
    ['tel:+19005550100', 'premium-rate'],
    ['tel:+33899123456', 'premium-rate'],
    ['tel:+4930901820', 'fixed-line'],
    ['tel:+491701234567', 'mobile'],
    ['tel:+18003569377', 'toll-free'],
    ['tel:+14155552671;ext=12', 'fixed-line-or-mobile'],
    ['sip:bob@pbx.example', 'unknown'],
    ['tel:0221', 'unknown'],
  ])('%s is %s', (tel, kind) => {
    expect(numberKind(tel)).toBe(kind);
  });
});
