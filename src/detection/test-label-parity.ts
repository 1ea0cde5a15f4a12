// Test support for the label lookups (negative-label.test.ts, positive-label.test.ts): each
// lookup replaced one regular expression, and must give that expression's answer everywhere.
import { expect } from 'vitest';
import { corpus } from '../../test/fixtures/detection-corpus/index';

/** A word as a regular expression matching just it. */
export const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');

/** Both give the same answer on every text; returns how many texts there were. */
export function expectSameAnswers(texts: Iterable<string>, legacy: (text: string) => number, lookup: (text: string) => number): number {
  const differ: { text: string; legacy: number; lookup: number }[] = [];
  let n = 0;
  for (const text of texts) {
    n++;
    const want = legacy(text);
    const got = lookup(text);
    if (want !== got && differ.length < 20) differ.push({ text, legacy: want, lookup: got });
  }
  expect(differ).toEqual([]);
  return n;
}

/** The tails the engine asks about (the text before each digit, cut after the previous digit,
 * lower-cased), and every shorter end of each. */
export function* corpusTails(): Generator<string> {
  for (const c of corpus) {
    const text = c.text;
    let previousDigit = -1;
    for (let i = 0; i < text.length; i++) {
      if (!/\d/u.test(text[i]!)) continue;
      if (previousDigit < i - 1) {
        const tail = text.slice(Math.max(previousDigit + 1, i - 64), i).toLowerCase();
        for (let cut = 0; cut < tail.length; cut++) yield tail.slice(cut);
      }
      previousDigit = i;
    }
  }
}

/** `count` seeded joins of one to six `pieces`, each cut to a tail's 64 characters. */
export function* randomJoins(pieces: readonly string[], count: number, seed: number): Generator<string> {
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let n = 0; n < count; n++) {
    let text = '';
    const k = 1 + Math.floor(next() * 6);
    for (let j = 0; j < k; j++) text += pieces[Math.floor(next() * pieces.length)];
    yield text.slice(-64);
  }
}
