import { describe, expect, it } from 'vitest';
import { corpus, trueCases } from '../../../test/fixtures/detection-corpus/index';
import { detectPhoneNumbers } from '../../detection/detect';
import { mightBeCallable } from './candidate-text';
import { fewestNationalDigits } from '../../detection/national-lengths';

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

  it('never says no with the fewest digits of the region the engine read the text for (the whole corpus)', () => {
    let regional = 0;
    for (const c of corpus) {
      const found = detectPhoneNumbers(c.text, c.region ? { defaultRegion: c.region } : {});
      const fewest = fewestNationalDigits(c.region);
      if (fewest > 5 && found.length) regional++;
      if (found.length) expect(mightBeCallable(c.text, fewest), `${c.region} ${c.text}`).toBe(true);
      for (const m of found) expect(mightBeCallable(m.text, fewest), `${c.region} ${m.text}`).toBe(true);
    }
    expect(regional).toBeGreaterThan(300);
  });

  it('says no to runs too short for a national number of the region, yes in international form', () => {
    const us = fewestNationalDigits('US');
    for (const text of ['67379 kudos', 'Bug 1553982', '(10580)', 'roughly 20 000 m²', 'about $150,000'])
      expect(mightBeCallable(text, us), text).toBe(false);
    for (const text of ['call 415-555-0100', '+683 4002', 'Tel: +49 30 901820', '00 683 4002', '(+ 44) 20 7946 0958', '＋６８３ ４００２', '1-800-FLOWERS'])
      expect(mightBeCallable(text, us), text).toBe(true);
    expect(mightBeCallable('Bug 1553982', 5)).toBe(true);
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
