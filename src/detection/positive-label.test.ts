import { describe, expect, it } from 'vitest';
import { POSITIVE_CJK, POSITIVE_STEMS, POSITIVE_WORDS, positiveLabelAt } from './context-labels';
import { corpusTails, expectSameAnswers, literal, randomJoins } from './test-label-parity';

// The phone labels were one regular expression, compiled on every page; they are looked up now
// (word-set.ts says why). This is that expression, built from the same lists, and the lookup must
// give the index of its last match (stepping as `exec` does) everywhere.
const LEGACY = new RegExp(
  `(?:^|[^\\p{L}])(?:(?:${POSITIVE_STEMS.map(literal).join('|')})|(?:${POSITIVE_WORDS.map(literal).join('|')})(?![\\p{L}]))|` +
    `${POSITIVE_CJK.map(literal).join('|')}|(?:^|[\\s|,;(/])[tmfph] ?[:.]\\s*$`,
  'gu',
);
function legacy(text: string): number {
  let at = -1;
  LEGACY.lastIndex = 0;
  for (let m = LEGACY.exec(text); m; m = LEGACY.exec(text)) at = m.index;
  return at;
}

const expectSame = (texts: Iterable<string>) => expectSameAnswers(texts, legacy, positiveLabelAt);

const BEFORE = ['', ' ', 'x', '1', 'é', '📞', 'our ', '(', '/', '\u3000'];
const AFTER = ['', ': ', 'x', 'nummer: ', ' us at ', '.', 'é', '𝐀', ' tel. ', ' t: ', ' | f. '];

function* synthesised(): Generator<string> {
  const words = [...POSITIVE_STEMS, ...POSITIVE_WORDS, ...POSITIVE_CJK, 't', 'm', 'f', 'p', 'h', 'x'];
  for (const word of words) for (const before of BEFORE) for (const after of AFTER) yield before + word + after;
  for (const word of words) for (const sep of [' ', '|', ',', ';', '(', '/', '', 'a']) for (const end of [':', '.', ' :', ' . ', ':\u00a0', ': x']) yield `${sep}${word[0]}${end}`;
}


/** Seeded joins of labels, fillers, scripts and signs. */
const fuzzed = (count: number) =>
  randomJoins(
    [...POSITIVE_STEMS, ...POSITIVE_WORDS, ...POSITIVE_CJK, ...BEFORE, ...AFTER, ...'tmfph .:|,;(/-x😀𝐀\u00a0'.split(''), '\ud83d'],
    count,
    0x1b873593,
  );

describe('positiveLabelAt', () => {
  it('finds what the single regular expression found, for every phone word in every setting', () => {
    expect(expectSame(synthesised())).toBeGreaterThan(20_000);
  });

  it('finds what the single regular expression found, on every tail of the labelled corpus', () => {
    expect(expectSame(corpusTails())).toBeGreaterThan(10_000);
  });

  it('finds what the single regular expression found, on random joins of labels and signs', () => {
    expectSame(fuzzed(50_000));
  });

  it('reports the last label', () => {
    expect(positiveLabelAt('tel. or mobile: ')).toBe(7);
    expect(positiveLabelAt('telefonnummer: ')).toBe(0);
    expect(positiveLabelAt('hotel: ')).toBe(-1);
    expect(positiveLabelAt('office | t: ')).toBe(8);
    expect(positiveLabelAt('☎ ')).toBe(0);
  });
});
