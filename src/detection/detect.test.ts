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

const found = (text: string, region?: string) => detectPhoneNumbers(text, optionsFor(region)).map((m) => [m.text, m.tel]);

describe('numbers glued to the words around them', () => {
  it.each([
    ['CN', '办公电话:021-6087 1234欢迎来电', '021-6087 1234', 'tel:+862160871234'],
    ['CN', '请拨打021 6087 1234。', '021 6087 1234', 'tel:+862160871234'],
    ['JP', 'ご予約は06-6345-7788までお電話ください', '06-6345-7788', 'tel:+81663457788'],
    ['JP', '大阪06-6345-7788', '06-6345-7788', 'tel:+81663457788'],
    ['KR', '문의 02-3456-7890로 연락주세요', '02-3456-7890', 'tel:+82234567890'],
  ])('reads a number next to CJK script (%s) %s', (region, text, match, tel) => {
    expect(found(text, region)).toEqual([[match, tel]]);
  });

  it.each([
    ['ES', 'Llámenos+34 915 550 123', '+34 915 550 123', 'tel:+34915550123'],
    ['MX', 'Teléfono+52 55 1234 5678', '+52 55 1234 5678', 'tel:+525512345678'],
    [undefined, 'Büro+49 30 23456789', '+49 30 23456789', 'tel:+493023456789'],
  ])('reads a + number right after a letter (%s) %s', (region, text, match, tel) => {
    expect(found(text, region)).toEqual([[match, tel]]);
  });

  it.each([
    ['DE', 'Fax-030 23456789', '030 23456789', 'tel:+493023456789'],
    ['GB', 'Tel-0113 496 0571', '0113 496 0571', 'tel:+441134960571'],
  ])('reads a number joined by a hyphen to its phone label (%s) %s', (region, text, match, tel) => {
    expect(found(text, region)).toEqual([[match, tel]]);
  });

  it('reads a number before a full stop and the next sentence', () => {
    expect(found('Ring us on 0113 496 0388.Thank you', 'GB')).toEqual([['0113 496 0388', 'tel:+441134960388']]);
  });

  it.each([
    ['DE', 'Bild-030 23456789'],
    ['GB', 'ab2+44 113 496 0571'],
    ['GB', 'Ring us on 0113 496 0388.txt'],
    ['GB', 'Ring us on 0113 496 0388.PDF'],
    ['JP', '注文番号06-6345-7788まで'],
  ])('still refuses digits that are part of a word or a label (%s) %s', (region, text) => {
    expect(found(text, region)).toEqual([]);
  });
});

describe('full-width plus and digits', () => {
  it.each([
    ['JP', '電話＋８１　６－６３４５－７７８８まで', '＋８１　６－６３４５－７７８８', 'tel:+81663457788'],
    ['JP', 'お問い合わせ（＋８１）６－６３４５－７７８８', '（＋８１）６－６３４５－７７８８', 'tel:+81663457788'],
    ['CN', '请致电＋８６ ２１ ６０８７ １２３４', '＋８６ ２１ ６０８７ １２３４', 'tel:+862160871234'],
    [undefined, '联系＋８６２１６０８７１２３４。', '＋８６２１６０８７１２３４', 'tel:+862160871234'],
  ])('reads ＋ with full-width digits (%s) %s', (region, text, match, tel) => {
    expect(found(text, region)).toEqual([[match, tel]]);
  });
});

describe('a number after a postal code on an address line', () => {
  const lines: [string, string, string, string][] = [
    ['US', 'Seattle, WA 98101-2345', '(206) 555-0172', 'tel:+12065550172'],
    ['US', 'San Francisco, CA 94105', '415-555-0123', 'tel:+14155550123'],
    ['CA', 'Vancouver, BC V6B 4Y8', '604-555-0133', 'tel:+16045550133'],
    ['CA', 'Ottawa ON K1P 5J2', '(613) 555-0190', 'tel:+16135550190'],
    ['GB', 'London EC1A 1BB', '020 7946 0321', 'tel:+442079460321'],
    ['DE', 'München D-80331', '089 23456789', 'tel:+498923456789'],
    ['DE', 'Marienplatz 1, 80331 München', '089 23456789', 'tel:+498923456789'],
    ['FR', 'Lyon F-69002', '04 72 10 30 30', 'tel:+33472103030'],
    ['FR', 'Bordeaux 33000', '05 56 12 34 56', 'tel:+33556123456'],
  ];
  const separators = [' · ', '·', ' | ', ' – ', ' / ', ' - '];
  it.each(lines.flatMap(([region, address, number, tel]) => separators.map((sep) => [region, `${address}${sep}${number}`, number, tel] as const)))(
    '%s %s',
    (region, text, number, tel) => {
      expect(found(text, region)).toEqual([[number, tel]]);
    },
  );

  it('still reads no number out of the postal code itself', () => {
    expect(found('Seattle, WA 98101-2345 · Suite 400', 'US')).toEqual([]);
    expect(found('Kundennr. AB-80331 / 089 2345678', 'DE')).toEqual([]);
  });
});

describe('numbers beside amounts and other numbers', () => {
  it.each([
    ['US', 'Hotline 312-555-0148 $24.50 flat shipping', [['312-555-0148', 'tel:+13125550148']]],
    ['GB', 'Ring 0161 496 0732 £9 a month', [['0161 496 0732', 'tel:+441614960732']]],
    ['US', 'Fax 312-555-0148 -- phone 312-555-0177', [['312-555-0148', 'tel:+13125550148'], ['312-555-0177', 'tel:+13125550177']]],
    ['US', 'Lines: 312-555-0148 -- 312-555-0177', [['312-555-0148', 'tel:+13125550148'], ['312-555-0177', 'tel:+13125550177']]],
  ] as const)('%s %s', (region, text, expected) => {
    expect(found(text, region)).toEqual(expected);
  });

  it('an amount after a number still rules it out when the sign ends it', () => {
    expect(found('Total 1 234 567 $ due', 'FR')).toEqual([]);
    expect(found('Price 312 555 0148 € incl. VAT', 'US')).toEqual([]);
  });

  it('a bare x or # after a semicolon is not an extension; a word is', () => {
    expect(detectPhoneNumbers('Desk 312-555-0148;x7', { defaultRegion: 'US' }).map((m) => m.tel)).toEqual(['tel:+13125550148']);
    expect(detectPhoneNumbers('Desk 312-555-0148; ext. 7', { defaultRegion: 'US' }).map((m) => m.tel)).toEqual(['tel:+13125550148;ext=7']);
    expect(detectPhoneNumbers('Switchboard 0161 496 0732 X 44', { defaultRegion: 'GB' }).map((m) => m.tel)).toEqual(['tel:+441614960732;ext=44']);
  });
});

describe('Mexican numbers as Mexican pages write them', () => {
  it.each([
    ['Conmutador: (81) 8123-4567', 'tel:+528181234567'],
    ['Llame al 01 81 8123 4567', 'tel:+528181234567'],
    ['Celular 044 81 1234 5678', 'tel:+528112345678'],
    ['Desde otra ciudad: 045 222 123 4567', 'tel:+522221234567'],
    ['Sin costo: 01-800-712-3344', 'tel:+528007123344'],
    ['Tel. +52 (81) 8123 4567 ext. 210', 'tel:+528181234567;ext=210'],
    ['Oficina 81-8123-4567 Ext 33', 'tel:+528181234567;ext=33'],
  ])('%s', (text, tel) => {
    expect(detectPhoneNumbers(text, { defaultRegion: 'MX' }).map((m) => m.tel)).toEqual([tel]);
  });

  it('the old prefixes are read only on a Mexican page, and only before ten digits', () => {
    expect(detectPhoneNumbers('Ref 01 81 8123 4567', { defaultRegion: 'US' }).map((m) => m.tel)).toEqual([]);
    expect(detectPhoneNumbers('Código 044 81 1234 56', { defaultRegion: 'MX' }).map((m) => m.tel)).toEqual([]);
  });
});

describe('a bare national number where the page keeps phone numbers', () => {
  const tels = (text: string, region: string, phoneContext?: () => boolean) =>
    detectPhoneNumbers(text, { defaultRegion: region, ...(phoneContext ? { phoneContext } : {}) }).map((m) => m.tel);

  it('is read in a phone context, with its extension', () => {
    expect(tels('Front desk 3125550148', 'US')).toEqual([]);
    expect(tels('Front desk 3125550148', 'US', () => true)).toEqual(['tel:+13125550148']);
    expect(tels('Front desk 3125550148 x 12', 'US', () => true)).toEqual(['tel:+13125550148;ext=12']);
    expect(tels('Zentrale 0221471012', 'DE', () => true)).toEqual(['tel:+49221471012']);
  });

  it('still not after a label that says it is something else, nor when it is not a valid number', () => {
    expect(tels('Order no. 3125550148', 'US', () => true)).toEqual([]);
    expect(tels('Front desk 1234567890', 'US', () => true)).toEqual([]);
  });

  it('asks for the context only for such a block, once', () => {
    let asked = 0;
    const ask = () => (asked++, true);
    tels('Call (312) 555-0148 or 312-555-0177', 'US', ask);
    expect(asked).toBe(0);
    tels('Desk 3125550148, fax 3125550177', 'US', ask);
    expect(asked).toBe(1);
  });
});

describe('two numbers side by side, and a price right before one', () => {
  it.each([
    ['US', 'Lines 773-555-0102 773-555-0165', ['tel:+17735550102', 'tel:+17735550165']],
    ['US', 'Lines (773) 555-0102 (773) 555-0165', ['tel:+17735550102', 'tel:+17735550165']],
    ['FR', 'Standard 04 72 10 30 30 06 12 34 56 78', ['tel:+33472103030', 'tel:+33612345678']],
    ['US', 'Tickets $15 773-555-0102', ['tel:+17735550102']],
    ['GB', 'From £9 0161 496 0732 for bookings', ['tel:+441614960732']],
    ['DE', 'Zentrale 030 23125000 030 23125099', ['tel:+493023125000', 'tel:+493023125099']],
    ['GB', 'Lines 0113 496 0321 0113 496 0322', ['tel:+441134960321', 'tel:+441134960322']],
  ] as const)('%s %s', (region, text, tels) => {
    expect(detectPhoneNumbers(text, { defaultRegion: region }).map((m) => m.tel)).toEqual(tels);
  });

  it('does not split an amount or a card into numbers', () => {
    expect(detectPhoneNumbers('Raised $1 234 567 890 this year', { defaultRegion: 'US' })).toEqual([]);
    expect(detectPhoneNumbers('Card 4111 1111 1111 1111', { defaultRegion: 'US' })).toEqual([]);
    expect(detectPhoneNumbers('€ 12 345 678 in 2026', { defaultRegion: 'DE' })).toEqual([]);
    // A long serial does not split into two numbers of one shape.
    expect(detectPhoneNumbers('Tracking 0113 4960 3210 1134 9603 22', { defaultRegion: 'GB' })).toEqual([]);
  });
});
