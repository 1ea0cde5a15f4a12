// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { FoundNumber } from './found-number';
import { PageScanner } from './page-scanner';
import type { TimeSlicer } from './time-slicer';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('PageScanner', () => {
  it('looks through a block of thousands of inline elements in slices, and finds its number and its call link', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `<span>word ${i % 7}</span>`).join(' ');
    document.body.innerHTML = `<p>Front desk <b>+1 415-555-0100</b>, ${words} <a href="tel:+14155550177">Night line</a></p>`;
    const found: FoundNumber[] = [];
    const scanner = new PageScanner(() => 'US', { added: (f) => found.push(...f), removed: () => undefined, shadowRoot: () => undefined });
    let yields = 0;
    const slicer = { shouldYield: () => true, yield: async () => void yields++, begin: () => undefined, endSlice: () => undefined } as unknown as TimeSlicer;
    await scanner.scan(document, slicer);
    // Every 128 elements it looked at the clock, and the clock always said "enough".
    expect(yields).toBeGreaterThanOrEqual(20);
    expect(scanner.numbers().map((f) => f.tel)).toEqual(['tel:+14155550100', 'tel:+14155550177']);
    expect(found).toHaveLength(2);
  });
});
