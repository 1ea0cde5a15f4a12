import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { describe, expect, it } from 'vitest';
import { createNationalPrefixRule } from './national-prefix';

const requiresNationalPrefix = createNationalPrefixRule(metadata);
const parse = (text: string, region: 'DE' | 'GB' | 'FR' | 'US' | 'RU' | 'ES' | 'IN') =>
  parsePhoneNumberFromString(text, { defaultCountry: region }, metadata)!;

describe('requiresNationalPrefix', () => {
  it.each([
    ['030 901820', 'DE'],
    ['020 7946 0958', 'GB'],
    ['01 99 00 12 34', 'FR'],
  ] as const)('%s (%s) is always written with its prefix', (text, region) => {
    expect(requiresNationalPrefix(parse(text, region))).toBe(true);
  });

  it.each([
    ['(212) 555-0143', 'US'],
    ['(495) 555-01-23', 'RU'],
    ['912 345 678', 'ES'],
    ['022 2555 0123', 'IN'],
  ] as const)('%s (%s) may be written without', (text, region) => {
    expect(requiresNationalPrefix(parse(text, region))).toBe(false);
  });
});
