import { describe, expect, it } from 'vitest';
import { FILLER, NEGATIVE_CJK, NEGATIVE_STEMS, NEGATIVE_WORDS, NUMBER_WORDS, negativeLabelAt } from './context-labels';
import { corpusTails, expectSameAnswers, literal, randomJoins } from './test-label-parity';

// The negative labels were one regular expression; they are looked up as word sets now, because
// the expression cost about 20 ms to compile on every page. This is that expression, built from
// the same lists, and the lookup must give its answer (the match's index, or none) everywhere.
const LEGACY = new RegExp(
  `(?:(?:^|[^\\p{L}\\p{N}])(?:${[...NEGATIVE_WORDS.map(literal), ...NEGATIVE_STEMS.map((s) => `${s}[а-я]*`)].join('|')})|` +
    `${NEGATIVE_CJK.map(literal).join('|')})` +
    `\\.?(?:[\\s.\\-]*(?:${NUMBER_WORDS})\\.?)?${FILLER}$`,
  'u',
);
const legacy = (text: string) => LEGACY.exec(text)?.index ?? -1;

const expectSame = (texts: Iterable<string>) => expectSameAnswers(texts, legacy, negativeLabelAt);

const BEFORE = ['', ' ', 'x', '1', 'é', '📦', 'tel ', '電話'];
const BETWEEN = ['', '.', ' no. ', '-nr.', ' number', '#', ' nº ', 'x', ' de '];
const AFTER = ['', ': ', ' is ', ' ist: ', ' (', ' :a', '\u00a0'];

function* synthesised(): Generator<string> {
  const words = [...NEGATIVE_WORDS, ...NEGATIVE_STEMS, ...NEGATIVE_STEMS.map((s) => `${s}ами`), ...NEGATIVE_CJK];
  for (const word of words)
    for (const before of BEFORE) for (const between of BETWEEN) for (const after of AFTER) yield before + word + between + after;
  // A word cut short or run on: a prefix of a label is not a label, and a label inside a word is not either.
  for (const word of words) {
    yield word.slice(0, -1) + ': ';
    yield word.slice(1) + ': ';
    yield 'x' + word + ': ';
    yield word + 'x: ';
    yield word + 'ов: ';
  }
}


/** Seeded joins of labels, fillers, scripts and signs. */
const fuzzed = (count: number) =>
  randomJoins(
    [
    ...NEGATIVE_WORDS,
    ...NEGATIVE_STEMS,
    ...NEGATIVE_CJK,
    ...NUMBER_WORDS.split('|'),
    ...BEFORE,
    ...AFTER,
    ...'.-:#/ ()№°ºxyzа😀𝐀'.split(''),
    '\ud83d',
    'ist',
    'is',
  ],
    count,
    0x2545f491,
  );

describe('negativeLabelAt', () => {
  it('finds what the single regular expression found, for every label word in every setting', () => {
    expect(expectSame(synthesised())).toBeGreaterThan(100_000);
  });

  it('finds what the single regular expression found, on every tail of the labelled corpus', () => {
    expect(expectSame(corpusTails())).toBeGreaterThan(10_000);
  });

  it('finds what the single regular expression found, on random joins of labels, fillers and signs', () => {
    expectSame(fuzzed(50_000));
  });

  it('reports the leftmost label, its separator included, as the expression did', () => {
    expect(negativeLabelAt('see order no. ')).toBe(3);
    expect(negativeLabelAt('order: ')).toBe(0);
    expect(negativeLabelAt('📦tracking: ')).toBe(0);
    expect(negativeLabelAt('ご注文番号:')).toBe(1);
    expect(negativeLabelAt('\ud83dquittung ')).toBe(0);
    expect(negativeLabelAt('recorder: ')).toBe(-1);
    expect(negativeLabelAt('tel. ')).toBe(-1);
  });
});
