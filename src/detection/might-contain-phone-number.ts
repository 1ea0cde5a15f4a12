import { foldChar } from './fold-text';
import { digitValue } from './unicode-digits';

const OTHER = 0;
const DIGIT = 1;
/** Punctuation the matcher accepts between digit groups; it neither counts nor breaks a run. */
const SEPARATOR = 2;
/** Invisible characters the matcher drops (soft hyphen, bidi marks). */
const INVISIBLE = 3;

const ASCII = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII[c] = DIGIT;
for (const ch of ' -./()[]+') ASCII[ch.charCodeAt(0)] = SEPARATOR;

/** Any decimal digit of any script; compiled once. */
const ANY_DIGIT = /\p{Nd}/gu;

/** Where the first digit at or after `from` is, or -1: the regex engine answers that several
 * times faster than a loop over char codes walks prose. */
function nextDigit(text: string, from: number): number {
  ANY_DIGIT.lastIndex = from;
  // test() rather than exec(): no match object. The match is one code unit, or two for an
  // astral digit (𝟘), ending at lastIndex.
  if (!ANY_DIGIT.test(text)) return -1;
  const end = ANY_DIGIT.lastIndex;
  const low = text.charCodeAt(end - 1);
  return low >= 0xdc00 && low <= 0xdfff ? end - 2 : end - 1;
}

/** The ASCII character a wide one stands for (full-width digits and punctuation), or -1 for
 * an invisible one, or the character itself when it has no ASCII form. */
function foldWide(c: number): number {
  // Most non-ASCII prose is letters with no folded form; answer them without a lookup.
  if (c < 0x660) return c === 0xa0 ? 0x20 : c === 0xad ? -1 : c;
  if (c >= 0x3400 && c < 0xa620) return c;
  const f = foldChar(c);
  return f < 0 ? -1 : f;
}

const PLUS = 0x2b;

/**
 * Whether `text` has a run of digits (of any script) joined only by phone punctuation that is
 * long enough to be a number, or a toll-free prefix followed by letters (1-800-FLOWERS). A run
 * in international form (after a `+`, or starting with `00`) needs five digits; any other
 * needs `fewest` (at least five: the fewest digits of a national number where the text is,
 * national-lengths.ts). The scanner calls this on every block before `detectPhoneNumbers`,
 * so it is one pass over char codes with no allocation. It must never say no to text that
 * `detectPhoneNumbers` would find a number in; `detect.test.ts` checks that against the whole
 * corpus.
 */
export function mightContainPhoneNumber(text: string, fewest = 5): boolean {
  // Most prose has no digit at all; the regex engine answers that several times faster than a
  // loop over char codes, and says where to start when there is one.
  const first = nextDigit(text, 0);
  if (first < 0) return false;
  let run = 0;
  let need = fewest;
  /** A `+` since the last run ended: the next run is in international form. */
  let plus = first > 0 && precededByPlus(text, first);
  // The last three digits, and the first four of the run, to spot a toll-free code
  // (800/888/877/..., after a leading 1 or not) before vanity letters.
  let last3 = 0;
  let head = 0;
  for (let i = first, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    let kind: number;
    let digit = -1;
    if (c < 0x80) {
      kind = ASCII[c]!;
      if (kind === DIGIT) digit = c - 0x30;
      else if (c === PLUS) plus = true;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      digit = digitValue(text.codePointAt(i)!);
      kind = digit >= 0 ? DIGIT : OTHER;
      i++;
    } else {
      const f = foldWide(c);
      kind = f < 0 ? INVISIBLE : f < 0x80 ? ASCII[f]! : OTHER;
      if (kind === DIGIT) digit = f - 0x30;
      else if (f === PLUS) plus = true;
    }
    if (kind === DIGIT) {
      if (run === 0) need = plus ? 5 : fewest;
      else if (run === 1 && head === 0 && digit === 0) need = 5; // 00: an international prefix
      if (++run >= need) return true;
      last3 = ((last3 * 10) + digit) % 1000;
      if (run <= 4) head = head * 10 + digit;
    } else if (kind === OTHER) {
      if (run >= 3 && ((c | 0x20) - 0x61) >>> 0 < 26 && tollFreeRun(run, head, last3)) return true;
      run = 0;
      last3 = 0;
      head = 0;
      // Nothing before the next digit can start a run (a block's text is often long prose with
      // a digit or two). A `+` in between is what precededByPlus looks back for, as at the first.
      const next = nextDigit(text, i + 1);
      if (next < 0) return false;
      plus = precededByPlus(text, next);
      i = next - 1;
    }
  }
  return false;
}

/** Whether phone punctuation back to a `+` stands before `at` ("+ 49", "(+49)"). */
function precededByPlus(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    const f = c < 0x80 ? c : foldWide(c);
    if (f === PLUS) return true;
    if (f < 0) continue;
    if (f >= 0x80 || ASCII[f] !== SEPARATOR) return false;
  }
  return false;
}

/** A run of digits before letters that holds a toll-free code: 1-800-FLOWERS, 888-555-HELP. */
function tollFreeRun(run: number, head: number, last3: number): boolean {
  if (isTollFreeCode(last3)) return true;
  const first3 = run === 3 ? head : Math.floor(head / 10);
  return isTollFreeCode(first3) || (run >= 4 && Math.floor(head / 1000) === 1 && isTollFreeCode(head % 1000));
}

/** The North American toll-free codes: 800, 833, 844, 855, 866, 877, 888. */
function isTollFreeCode(code: number): boolean {
  return code === 800 || (code >= 833 && code <= 888 && (code - 800) % 11 === 0);
}
