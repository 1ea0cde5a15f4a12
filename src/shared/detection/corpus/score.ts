import type { PhoneMatch } from '../phone-match';
import type { CorpusCase, TrueCase } from './corpus-case';

export type DetectFn = (text: string, options: { defaultRegion?: string }) => Pick<PhoneMatch, 'text' | 'tel'>[];

export interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface CaseError {
  case: CorpusCase;
  /** Expected but not found, as `text → tel`. */
  missed: string[];
  /** Found but not expected. */
  unexpected: string[];
}

export interface Score {
  overall: Tally;
  byCountry: Map<string, Tally>;
  errors: CaseError[];
}

/**
 * Precision and recall over the corpus. A match counts only with the exact visible text and
 * tel URI expected (or, with `telOnly`, the tel URI alone, to rate detectors that draw the
 * boundaries differently); anything else it finds is a false positive.
 */
export function scoreCorpus(detect: DetectFn, cases: readonly CorpusCase[], telOnly = false): Score {
  const key = (text: string, tel: string) => (telOnly ? tel : `${text} → ${tel}`);
  const overall: Tally = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const byCountry = new Map<string, Tally>();
  const errors: CaseError[] = [];
  for (const c of cases) {
    const expected = new Set(c.kind === 'true' ? (c as TrueCase).expected.map((e) => key(e.text, e.tel)) : []);
    const got = new Set(detect(c.text, c.region ? { defaultRegion: c.region } : {}).map((m) => key(m.text, m.tel)));
    const missed = [...expected].filter((e) => !got.has(e));
    const unexpected = [...got].filter((g) => !expected.has(g));
    const tally = byCountry.get(c.country) ?? { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    byCountry.set(c.country, tally);
    for (const t of [overall, tally]) {
      t.truePositives += expected.size - missed.length;
      t.falseNegatives += missed.length;
      t.falsePositives += unexpected.length;
    }
    if (missed.length || unexpected.length) errors.push({ case: c, missed, unexpected });
  }
  return { overall, byCountry, errors };
}

export function precision(t: Tally): number {
  const found = t.truePositives + t.falsePositives;
  return found === 0 ? 1 : t.truePositives / found;
}

export function recall(t: Tally): number {
  const expected = t.truePositives + t.falseNegatives;
  return expected === 0 ? 1 : t.truePositives / expected;
}
