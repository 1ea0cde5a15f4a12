import { describe, expect, it } from 'vitest';
import { corpus } from '../../test/fixtures/detection-corpus/index';
import { AMOUNT_UNITS, amountAfter, CURRENCY_CODES, CURRENCY_SYMBOLS, currencyBefore } from './amount-context';
import { expectSameAnswers, literal, randomJoins } from './test-label-parity';

describe('currencyBefore', () => {
  it.each(['EUR ', '€', '$ ', 'R$ ', 'Rs. ', 'CHF ', 'Preis: ₹ '])('%s is a currency', (tail) => {
    expect(currencyBefore(tail)).toBe(true);
  });
  it.each(['Tel. ', 'Call ', 'at ', 'Trust '])('%s is not', (tail) => {
    expect(currencyBefore(tail)).toBe(false);
  });
});

describe('amountAfter', () => {
  it.each([',89 €', ' €', '%', ' EUR', ' zł', ' km', ' Mio.', '.5'])('"%s" ends an amount', (after) => {
    expect(amountAfter(`123${after}`, 3)).toBe(true);
  });
  it.each(['', ' (Mo–Fr)', '. Call us', ', or email', ' ext. 12', ' to book', ' $19.90', ' €5 off', ' £12'])('"%s" does not', (after) => {
    expect(amountAfter(`123${after}`, 3)).toBe(false);
  });
});

// Each lookup replaced one regular expression (built here from the same lists, as it was
// written before), and must give that expression's answer on every text.
describe('the amount lookups give the regular expressions’ answers', () => {
  const codes = CURRENCY_CODES.map(literal).join('|');
  const units = AMOUNT_UNITS.map(literal).join('|');
  const BEFORE = new RegExp(`(?:[${literal(CURRENCY_SYMBOLS)}]|(?:^|[^\\p{L}])(?:${codes})\\.?)\\s?$`, 'u');
  const AFTER = new RegExp(`^(?:[.,]\\d|\\s?[%‰°′″]|\\s?[${literal(CURRENCY_SYMBOLS)}](?!\\d)|\\s?(?:${codes}|${units})(?![\\p{L}\\p{N}]))`, 'iu');
  const legacyBefore = (tail: string) => Number(BEFORE.test(tail));
  const legacyAfter = (text: string) => Number(AFTER.test(text.slice(1, 17)));
  const lookupBefore = (tail: string) => Number(currencyBefore(tail));
  const lookupAfter = (text: string) => Number(amountAfter(text, 1));

  /** The text before and after every digit of the corpus, in its own case. */
  const around = () => {
    const before: string[] = [];
    const after: string[] = [];
    for (const c of corpus) {
      for (let i = 0; i < c.text.length; i++) {
        if (!/\d/u.test(c.text[i]!)) continue;
        const tail = c.text.slice(Math.max(0, i - 24), i);
        for (let cut = 0; cut <= tail.length; cut++) before.push(tail.slice(cut));
        after.push(`1${c.text.slice(i + 1, i + 20)}`);
      }
    }
    return { before, after };
  };

  // Words in their cases, the signs, what may stand between, and the code units a Unicode
  // case-insensitive match folds (ſ → s, ᲄ → т, the Kelvin sign, İ which folds to nothing).
  const pieces = [
    ...CURRENCY_CODES, ...CURRENCY_CODES.map((c) => c.toLowerCase()), ...CURRENCY_CODES.map((c) => c.toUpperCase()),
    ...AMOUNT_UNITS, ...AMOUNT_UNITS.map((u) => u.toUpperCase()), ...AMOUNT_UNITS.map((u) => u[0]!.toUpperCase() + u.slice(1)),
    ...CURRENCY_SYMBOLS, ...'%‰°′″', ' ', ' ', '\u00a0', '\t', '.', ',', '-', '/', ':', '0', '1', '7', '٣', 'x', 'é', 'É',
    '𝐀', '\ud835', '\udc00', 'ſ', 'ᲄ', 'ᲃ', 'K', 'İ', 'ı', 'ł', 'Ł', 'č', 'Č', 'ß', 'ẞ', 'a', 'Z', 'у', 'б', 'Р', '万',
  ];

  it('currency before a number: every tail of the corpus and 50,000 seeded joins', () => {
    const { before } = around();
    expect(expectSameAnswers(before, legacyBefore, lookupBefore)).toBeGreaterThan(10_000);
    expect(expectSameAnswers(randomJoins(pieces, 50_000, 0x5eed), legacyBefore, lookupBefore)).toBe(50_000);
  });

  it('an amount after a number: after every digit of the corpus and 50,000 seeded joins', () => {
    const { after } = around();
    expect(expectSameAnswers(after, legacyAfter, lookupAfter)).toBeGreaterThan(1_000);
    const joins = [...randomJoins(pieces, 50_000, 0xa11ce)].map((j) => `1${j.slice(0, 16)}`);
    expect(expectSameAnswers(joins, legacyAfter, lookupAfter)).toBe(50_000);
  });

  it('each word, in every case, next to each sign and space', () => {
    const words = [...CURRENCY_CODES, ...AMOUNT_UNITS];
    const cases = words.flatMap((w) => [w, w.toUpperCase(), w.toLowerCase()]);
    const edges = ['', ' ', '.', '. ', 'a', '1', 'é', '𝐀', '-', ' x'];
    const before = cases.flatMap((w) => edges.flatMap((l) => edges.map((r) => `${l}${w}${r}`)));
    const after = cases.flatMap((w) => edges.flatMap((l) => edges.map((r) => `1${l}${w}${r}`)));
    expectSameAnswers(before, legacyBefore, lookupBefore);
    expectSameAnswers(after, legacyAfter, lookupAfter);
  });
});
