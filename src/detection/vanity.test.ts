import { describe, expect, it } from 'vitest';
import { findVanityNumbers } from './vanity';

describe('findVanityNumbers', () => {
  it.each([
    ['Order at 1-800-FLOWERS today', '1-800-FLOWERS', '+18003569377', true],
    ['Call 1 (888) GOT-JUNK.', '1 (888) GOT-JUNK', '+18884685865', true],
    ['Dial 800-555-HELP now', '800-555-HELP', '+18005554357', false],
    ['Call 1-800-Flowers', '1-800-Flowers', '+18003569377', true],
    ['Call +1 800 MATTRESS', '+1 800 MATTRESS', '+18006288737', true],
  ])('%s', (text, written, e164, explicit) => {
    const [found] = findVanityNumbers(text);
    expect(found && text.slice(found.start, found.end)).toBe(written);
    expect(found?.e164).toBe(e164);
    expect(found?.explicitCountry).toBe(explicit);
  });

  it.each(['Visit 1-800-FLOWERS.com', 'route 800 has nothing', 'A800FLOWERS', '1-800-flowers are here', '1-800-555-0199'])(
    '%s has none',
    (text) => {
      expect(findVanityNumbers(text)).toEqual([]);
    },
  );
});
