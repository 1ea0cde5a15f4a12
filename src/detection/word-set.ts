/**
 * Label words looked up as a set instead of compiled into one regular-expression alternation.
 * The alternation of the 600 negative label words cost V8 about 20 ms on each page's first
 * detection (compiled once per text width, and again when it tiers up), more than the rest of
 * the engine's start together. Building the set takes well under a millisecond, and a lookup
 * is a few slices of a tail of at most 64 characters.
 */
export class WordSet {
  private readonly words: ReadonlySet<string>;
  /** For each first code unit, the lengths of the words that begin with it, shortest first. */
  private readonly lengths = new Map<number, number[]>();
  private readonly tailFrom: number;
  private readonly tailTo: number;

  /**
   * `stems` are words that any number of code units in `stemTail` (a range, both ends
   * included) may follow: Russian stems and their case endings.
   */
  constructor(
    words: readonly string[],
    private readonly stems: readonly string[] = [],
    stemTail: readonly [from: string, to: string] = ['', ''],
  ) {
    this.words = new Set(words);
    this.tailFrom = stemTail[0].charCodeAt(0);
    this.tailTo = stemTail[1].charCodeAt(0);
    for (const word of this.words) {
      const first = word.charCodeAt(0);
      const lengths = this.lengths.get(first);
      if (!lengths) this.lengths.set(first, [word.length]);
      else if (!lengths.includes(word.length)) lengths.push(word.length);
    }
    for (const lengths of this.lengths.values()) lengths.sort((a, b) => a - b);
  }

  /**
   * Whether a word begins at `start` in `text` and `accept` takes the index where it ends.
   * Each word that begins there is offered in turn, shortest first; a stem with each length of
   * its tail.
   */
  beginsAt(text: string, start: number, accept: (end: number) => boolean): boolean {
    const first = text.charCodeAt(start);
    const lengths = this.lengths.get(first);
    if (lengths) {
      for (const length of lengths) {
        const end = start + length;
        if (end > text.length) break;
        if (this.words.has(text.slice(start, end)) && accept(end)) return true;
      }
    }
    for (const stem of this.stems) {
      if (stem.charCodeAt(0) !== first || !text.startsWith(stem, start)) continue;
      for (let end = start + stem.length; ; end++) {
        if (accept(end)) return true;
        const c = text.charCodeAt(end);
        if (!(c >= this.tailFrom && c <= this.tailTo)) break;
      }
    }
    return false;
  }
}
