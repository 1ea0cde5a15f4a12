import metadata from 'libphonenumber-js/min/metadata';
import { describe, expect, it } from 'vitest';
import { fewestNationalDigits } from './national-lengths';

describe('fewestNationalDigits', () => {
  it('matches the possible lengths of every region in the metadata the engine ships', () => {
    const countries = (metadata as unknown as { countries: Record<string, unknown[]> }).countries;
    expect(Object.keys(countries).length).toBeGreaterThan(240);
    for (const [region, data] of Object.entries(countries)) {
      const lengths = (data[3] as number[] | undefined) ?? [];
      expect(fewestNationalDigits(region), region).toBe(Math.max(5, Math.min(...lengths, 99)));
    }
  });

  it('counts an unknown region, or none, as five', () => {
    expect(fewestNationalDigits(undefined)).toBe(5);
    expect(fewestNationalDigits('ZZ')).toBe(5);
    expect(fewestNationalDigits('US')).toBe(10);
    expect(fewestNationalDigits('DE')).toBe(5);
  });
});
