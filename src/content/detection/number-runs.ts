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
