import { describe, expect, it } from 'vitest';
import { corpus, trueCases } from '../../shared/detection/corpus/index';
import { detectPhoneNumbers } from '../../shared/detection/detect';
import { mightBeCallable } from './candidate-text';

describe('mightBeCallable', () => {
  it('never says no to text the engine finds a number in (the whole corpus)', () => {
    for (const c of corpus) {
      const found = detectPhoneNumbers(c.text, c.region ? { defaultRegion: c.region } : {});
      if (found.length) expect(mightBeCallable(c.text), c.text).toBe(true);
      // Each number alone too, as it may stand in a page.
      for (const m of found) expect(mightBeCallable(m.text), m.text).toBe(true);
    }
    expect(trueCases.length).toBeGreaterThan(400);
  });

  it('says no to dates, times, year ranges and decimals, which pass the digit pre-filter', () => {
    for (const text of [
      'Updated 22.11.2026 14:30',
      'Posted 2017-03-10 08:42:00',
      '3/09/15 8:00am',
      '© 1996-2015 The Post',
      'the 2008-9 downturn',
      'peaks over 41.283°S 174.450°E',
      'ISBN 9780786478071',
      'sold for 68.700 millones',
    ])
      expect(mightBeCallable(text), text).toBe(false);
  });

  it('keeps numbers next to those shapes, and dotted numbers that look like dates in part', () => {
    for (const text of [
      'Updated 22.11.2026, call +49 30 901820',
      '01.42.68.53.00',
      '415.555.0100',
      'Tel. 030/12 34 56-78',
      '(212) 555-0147 from 9:00',
      '1-800-FLOWERS',
    ])
      expect(mightBeCallable(text), text).toBe(true);
  });
});
