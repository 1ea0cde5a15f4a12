import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { corpus, decoyCases, trueCases } from '../../test/fixtures/detection-corpus/index';
import { detectPhoneNumbers, mightContainPhoneNumber } from './detect';

const optionsFor = (region: string | undefined) => (region ? { defaultRegion: region } : {});
const label = (text: string) => text.replace(/\s+/g, ' ').slice(0, 80);

describe('corpus: numbers are found', () => {
  it.each(trueCases.map((c) => [`${c.region ?? '--'} ${label(c.text)}`, c] as const))('%s', (_, c) => {
    const got = detectPhoneNumbers(c.text, optionsFor(c.region)).map((m) => ({ text: m.text, tel: m.tel }));
    expect(got).toEqual(c.expected);
  });
});

describe('corpus: decoys are not', () => {
  it.each(decoyCases.map((c) => [`${c.decoy} ${c.region ?? '--'} ${label(c.text)}`, c] as const))('%s', (_, c) => {
    expect(detectPhoneNumbers(c.text, optionsFor(c.region))).toEqual([]);
  });
});

describe('the corpus itself', () => {
  it('is big and broad enough', () => {
    expect(trueCases.length).toBeGreaterThanOrEqual(400);
    expect(decoyCases.length).toBeGreaterThanOrEqual(400);
    expect(new Set(trueCases.map((c) => c.country)).size).toBeGreaterThanOrEqual(15);
  });

  it('expects only numbers that full metadata calls valid, written where the snippet has them', () => {
    for (const c of trueCases) {
      for (const e of c.expected) {
        expect(c.text, e.text).toContain(e.text);
        const e164 = e.tel.slice(4).split(';')[0]!;
        expect(parsePhoneNumberFromString(e164, maxMetadata)?.isValid(), e.tel).toBe(true);
      }
    }
  });

  it('never has the pre-filter refuse text with a number in it', () => {
    for (const c of corpus) {
      if (detectPhoneNumbers(c.text, optionsFor(c.region)).length > 0) expect(mightContainPhoneNumber(c.text), c.text).toBe(true);
    }
  });
});

describe('detectPhoneNumbers', () => {
  it('fills every field of a match', () => {
    const [m] = detectPhoneNumbers('Call (212) 555-0143 ext. 12 today', { defaultRegion: 'US' });
    expect(m).toEqual({
      start: 5,
      end: 27,
      text: '(212) 555-0143 ext. 12',
      tel: 'tel:+12125550143;ext=12',
      e164: '+12125550143',
      ext: '12',
      region: 'US',
      kind: 'fixed-line-or-mobile',
      formatted: '+1 212 555 0143 ext. 12',
    });
  });

  it('finds only international numbers without a region', () => {
    const text = 'Berlin 030 901820, London +44 20 7946 0958';
    expect(detectPhoneNumbers(text, {}).map((m) => m.tel)).toEqual(['tel:+442079460958']);
    expect(detectPhoneNumbers(text, { defaultRegion: 'DE' }).map((m) => m.tel)).toEqual(['tel:+4930901820', 'tel:+442079460958']);
  });

  it('ignores a region libphonenumber does not know', () => {
    expect(detectPhoneNumbers('Tel 030 901820 or +49 30 901820', { defaultRegion: 'ZZ' }).map((m) => m.text)).toEqual(['+49 30 901820']);
  });

  it('maps offsets over soft hyphens and bidi marks to the input', () => {
    const text = 'x \u200f+49\u00ad 30\u00ad 901820\u200f y';
    const [m] = detectPhoneNumbers(text, {});
    expect(m && text.slice(m.start, m.end)).toBe('+49\u00ad 30\u00ad 901820');
  });

  it('returns matches in order and without overlap', () => {
    const text = 'A 020 7946 0958 / 020 7946 0123; B 1-800-FLOWERS, C +1 212 555 0143';
    const found = detectPhoneNumbers(text, { defaultRegion: 'GB' });
    expect(found.map((m) => m.text)).toEqual(['020 7946 0958', '020 7946 0123', '1-800-FLOWERS', '+1 212 555 0143']);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('reads a number in brackets after another as its own', () => {
    const found = detectPhoneNumbers('Tel. 0221 4710 123 (0171 3920012 mobil)', { defaultRegion: 'DE' });
    expect(found.map((m) => m.tel)).toEqual(['tel:+492214710123', 'tel:+491713920012']);
  });

  it('says what kind of number it is', () => {
    expect(detectPhoneNumbers('Freephone 0808 157 0123', { defaultRegion: 'GB' })[0]?.kind).toBe('toll-free');
    expect(detectPhoneNumbers('Call 0909 879 0333', { defaultRegion: 'GB' })[0]?.kind).toBe('premium-rate');
  });

  it('is linear in the length of the text', () => {
    const unit = 'Call 020 7946 0958 or see order 12345678 on 22.11.2026. ';
    const time = (repeat: number) => {
      const text = unit.repeat(repeat);
      const t0 = performance.now();
      detectPhoneNumbers(text, { defaultRegion: 'GB' });
      return performance.now() - t0;
    };
    time(200);
    const small = Math.max(time(500), 1);
    const large = time(5000);
    expect(large / small).toBeLessThan(40);
  });

  it('survives pathological input', () => {
    for (const text of ['1'.repeat(100_000), '1 '.repeat(50_000), '(1'.repeat(20_000), '+'.repeat(10_000) + '1'.repeat(10), '-1'.repeat(30_000)]) {
      const t0 = performance.now();
      detectPhoneNumbers(text, { defaultRegion: 'DE' });
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });
});
