import { isLuhnValid } from './luhn';
import type { DigitGroup, NumberRun } from './number-runs';

/**
 * Digit groupings that are identifiers, dates or quantities rather than phone numbers, told
 * apart by their shape alone: a CPF is 3.3.3-2 whatever the page says around it.
 */

function shapeIs(groups: readonly DigitGroup[], lengths: readonly number[], seps: readonly string[]): boolean {
  if (groups.length !== lengths.length) return false;
  for (let i = 0; i < groups.length; i++) {
    if (groups[i]!.digits.length !== lengths[i]) return false;
    if (i > 0 && groups[i]!.sep !== seps[i - 1]) return false;
  }
  return true;
}

function isIpv4(groups: readonly DigitGroup[]): boolean {
  return (
    groups.length === 4 &&
    groups.every(
      (g, i) =>
        (i === 0 || g.sep === '.') &&
        g.digits.length <= 3 &&
        Number(g.digits) <= 255 &&
        (g.digits.length === 1 || g.digits[0] !== '0'),
    )
  );
}

/**
 * A strong break between two numbers written in one run: " / ", " - ", " -- ", "  ", "/", and
 * a spaced dot (" . "). A middle dot, spaced or not, ends the run itself (fold-text.ts). The bracket
 * that may open the next number ("98101-2345 · (206) 555-0172") does not weaken it.
 */
export function isStrongBreak(sep: string): boolean {
  const s = sep.endsWith('(') ? sep.slice(0, -1) : sep;
  return s.includes('/') || s === ' - ' || s === ' -- ' || s === ' . ' || (s.trim() === '' && s.length > 1);
}

/**
 * Runs that are one identifier as a whole; none of their groups can be a phone number.
 * `folded` is the whole folded text, to see what follows the run.
 */
export function isIdentifierRun(run: NumberRun, folded: string): boolean {
  const { groups } = run;
  if (run.plus) return false;
  if (isIpv4(groups)) return true;
  // Brazilian CPF (123.456.789-09) and CNPJ (12.345.678/0001-95).
  if (shapeIs(groups, [3, 3, 3, 2], ['.', '.', '-'])) return true;
  if (shapeIs(groups, [2, 3, 3, 4, 2], ['.', '.', '/', '-'])) return true;
  // DOI: 10.1000/182, 10.1038/nphys1170.
  if (groups[0]!.digits === '10' && groups[1]?.sep === '.' && (groups[2]?.sep === '/' || folded[run.end] === '/')) {
    return true;
  }
  const all = groups.map((g) => g.digits).join('');
  // ISBN-13 (978-3-16-148410-0) and ISBN-10 (0-306-40615-2): hyphenated, check digit alone.
  if (all.length === 13 && /^97[89]/.test(all) && groups.length >= 4) return true;
  if (all.length === 10 && groups.length === 4 && groups[3]!.digits.length === 1 && groups.every((g, i) => i === 0 || g.sep === '-')) {
    return true;
  }
  // Payment cards: 13–19 digits starting 2–6, written as cards are (one block, fours, or
  // Amex/Diners 4-6-5 / 4-6-4), with a valid Luhn check digit.
  if (all.length >= 13 && all.length <= 19 && all[0]! >= '2' && all[0]! <= '6' && isCardGrouping(groups) && isLuhnValid(all)) {
    return true;
  }
  // Longer than any phone number and not two numbers with a clear break: tracking, account.
  if (run.digitCount > 20 && !groups.some((g) => isStrongBreak(g.sep))) return true;
  return false;
}

function isCardGrouping(groups: readonly DigitGroup[]): boolean {
  if (groups.length === 1) return true;
  const lengths = groups.map((g) => g.digits.length).join(',');
  if (lengths === '4,6,5' || lengths === '4,6,4') return true;
  return groups.every((g, i) => (i === groups.length - 1 ? g.digits.length <= 4 : g.digits.length === 4));
}

function isYear(digits: string): boolean {
  return digits.length === 4 && (digits.startsWith('19') || digits.startsWith('20') || digits.startsWith('18'));
}

function isDayMonth(a: string, b: string): boolean {
  if (a.length > 2 || b.length > 2) return false;
  const x = Number(a);
  const y = Number(b);
  return (x >= 1 && x <= 31 && y >= 1 && y <= 12) || (x >= 1 && x <= 12 && y >= 1 && y <= 31);
}

const DATE_SEPARATORS = new Set(['.', '/', '-', '. ']);

/**
 * Marks the groups of a run that are dates (22.11.2026, 2026-11-22, 11/22/2026), year ranges
 * (1990-2026) or year-serials (2026-004417), so no phone number is read across them. Returns
 * null when there are none, the common case.
 */
export function datedGroups(run: NumberRun): Uint8Array | null {
  const { groups } = run;
  let marks: Uint8Array | null = null;
  const mark = (from: number, to: number) => {
    marks ??= new Uint8Array(groups.length);
    for (let k = from; k < to; k++) marks[k] = 1;
  };
  for (let k = 0; k < groups.length; k++) {
    const a = groups[k]!;
    const b = groups[k + 1];
    if (!b) break;
    const c = groups[k + 2];
    const closedBefore = k === 0 || groups[k]!.sep.includes(' ');
    if (c && b.sep === c.sep && DATE_SEPARATORS.has(b.sep.trim() || b.sep) && closedBefore) {
      const closedAfter = !groups[k + 3] || groups[k + 3]!.sep.includes(' ');
      const dmy = isDayMonth(a.digits, b.digits) && (c.digits.length === 2 || isYear(c.digits));
      const ymd = isYear(a.digits) && isDayMonth(b.digits, c.digits);
      if (closedAfter && (dmy || ymd)) {
        mark(k, k + 3);
        k += 2;
        continue;
      }
    }
    const sep = b.sep.trim();
    const startsNumber = k === 0 || a.sep.includes(' ');
    if (isYear(a.digits) && startsNumber && (sep === '-' || sep === '/') && !run.plus && (isYear(b.digits) || b.digits.length >= 4)) {
      mark(k, k + 2);
      k += 1;
    }
  }
  return marks;
}

/**
 * Shapes that rule out a national-format span of groups [from, to): two slashes (a German tax
 * number 21/815/08150), version strings (12.4.1234) and decimals (48.8566).
 */
export function isIdentifierSpan(groups: readonly DigitGroup[], from: number, to: number): boolean {
  let slashes = 0;
  let allDots = true;
  for (let k = from + 1; k < to; k++) {
    const sep = groups[k]!.sep;
    if (sep.includes('/')) slashes++;
    if (sep !== '.') allDots = false;
  }
  if (slashes >= 2) return true;
  if (allDots && to - from >= 2) {
    if (to - from === 2) {
      const whole = groups[from]!.digits;
      if (whole.length <= 3 && whole[0] !== '0' && groups[from + 1]!.digits.length >= 3) return true;
    }
    for (let k = from + 1; k < to; k++) if (groups[k]!.digits.length === 1) return true;
  }
  return false;
}
