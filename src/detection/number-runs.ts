/**
 * A run is a stretch of folded text that could hold one or more phone numbers: digit groups
 * joined by the punctuation people write between them (spaces, dots, dashes, slashes,
 * brackets; at most four in a row), optionally led by `+` or `(`. Commas, colons, letters,
 * en dashes and line breaks end a run. Which groups of a run form a number is decided later.
 */
export interface DigitGroup {
  /** Folded offsets of the digits. */
  start: number;
  end: number;
  digits: string;
  /** The punctuation between the previous group and this one; '' for the first group. */
  sep: string;
}

export interface NumberRun {
  /** Folded offset of the run, including a leading `+` or `(`. */
  start: number;
  end: number;
  /** Written with a leading `+` (or `(+`): an international number. */
  plus: boolean;
  /** The punctuation before the first digit, e.g. '+', '(', '(+', '+ '. */
  lead: string;
  groups: DigitGroup[];
  digitCount: number;
}

/** Global; callers reset `lastIndex`. Linear: separators and digits are disjoint classes. */
export const RUN_PATTERN = /(?:\+{1,2} ?|\( ?\+ ?)?\(?\d(?:[ \-./()[\]]{0,4}\d)*/g;

const DIGIT = /\d+/g;

/** Splits the text of one `RUN_PATTERN` match into digit groups. */
export function readRun(text: string, start: number): NumberRun {
  const groups: DigitGroup[] = [];
  let digitCount = 0;
  let previousEnd = -1;
  let lead = '';
  DIGIT.lastIndex = 0;
  for (let m = DIGIT.exec(text); m; m = DIGIT.exec(text)) {
    const digits = m[0];
    if (previousEnd < 0) lead = text.slice(0, m.index);
    groups.push({
      start: start + m.index,
      end: start + m.index + digits.length,
      digits,
      sep: previousEnd < 0 ? '' : text.slice(previousEnd, m.index),
    });
    digitCount += digits.length;
    previousEnd = m.index + digits.length;
  }
  return { start, end: start + text.length, plus: lead.includes('+'), lead, groups, digitCount };
}

/**
 * Where a bracket opens between two groups and never closes, as in "0900 1 234567 (1,99 €)",
 * the run ends before it: the bracketed part is something else and is read as a run of its own
 * ("0221 4710 123 (0171 3920012 mobil)"). Returns the run itself when every bracket closes.
 */
export function splitAtOpenBrackets(run: NumberRun): NumberRun[] {
  const { groups } = run;
  const opens: number[] = [];
  for (let k = 1; k < groups.length; k++) {
    for (const c of groups[k]!.sep) {
      if (c === '(') opens.push(k);
      else if (c === ')') opens.pop();
    }
  }
  if (opens.length === 0) return [run];
  const cuts = [...new Set(opens)];
  const runs: NumberRun[] = [];
  let from = 0;
  for (const cut of [...cuts, groups.length]) {
    const part = groups.slice(from, cut);
    const first = part[0]!;
    // A later part starts at its bracket: the separator before it becomes its lead.
    const lead = from === 0 ? run.lead : first.sep.slice(first.sep.indexOf('('));
    const start = from === 0 ? run.start : first.start - lead.length;
    runs.push({
      start,
      end: part[part.length - 1]!.end,
      plus: from === 0 ? run.plus : lead.includes('+'),
      lead,
      groups: from === 0 ? part : [{ ...first, sep: '' }, ...part.slice(1)],
      digitCount: part.reduce((sum, g) => sum + g.digits.length, 0),
    });
    from = cut;
  }
  return runs;
}

/**
 * The part of `run` from group `k` on, as a run of its own: after a postal code glued to a
 * letter, "V6B 4Y8 / 604-555-0133" and "D-80331 · 089 23456789" still hold a number.
 */
export function runFrom(run: NumberRun, k: number): NumberRun {
  const first = run.groups[k]!;
  const lead = first.sep.endsWith('(') ? '(' : '';
  const groups = [{ ...first, sep: '' }, ...run.groups.slice(k + 1)];
  let digitCount = 0;
  for (const g of groups) digitCount += g.digits.length;
  return { start: first.start - lead.length, end: run.end, plus: false, lead, groups, digitCount };
}
