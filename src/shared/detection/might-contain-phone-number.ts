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
const ANY_DIGIT = /\p{Nd}/u;

function classifyWide(c: number): number {
  // Most non-ASCII prose is letters with no folded form; answer them without a lookup.
  if (c < 0x660) return c === 0xa0 ? SEPARATOR : c === 0xad ? INVISIBLE : c === 0xb7 ? SEPARATOR : OTHER;
  if (c >= 0x3400 && c < 0xa620) return OTHER;
  const f = foldChar(c);
  if (f < 0) return INVISIBLE;
  if (f < 0x80) return ASCII[f]!;
  return OTHER;
}

/**
 * Whether `text` has a run of at least five digits (of any script) joined only by phone
 * punctuation, or a toll-free prefix followed by letters (1-800-FLOWERS). The scanner calls this
 * on every text node before `detectPhoneNumbers`, so it is one pass over char codes with no
 * allocation. It must never say no to text that `detectPhoneNumbers` would find a number in;
 * `detect.test.ts` checks that against the whole corpus.
 */
export function mightContainPhoneNumber(text: string): boolean {
  // Most prose has no digit at all; the regex engine answers that several times faster than a
  // loop over char codes, and says where to start when there is one.
  const first = text.search(ANY_DIGIT);
  if (first < 0) return false;
  let run = 0;
  // The last three ASCII digits, to spot 800/888/877/... before vanity letters.
  let last3 = 0;
  for (let i = first, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    let kind: number;
    if (c < 0x80) {
      kind = ASCII[c]!;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      kind = digitValue(text.codePointAt(i)!) >= 0 ? DIGIT : OTHER;
      i++;
    } else {
      kind = classifyWide(c);
    }
    if (kind === DIGIT) {
      if (++run >= 5) return true;
      last3 = ((last3 * 10) + (c - 0x30)) % 1000;
    } else if (kind === OTHER) {
      if (run >= 3 && ((c | 0x20) - 0x61) >>> 0 < 26 && isTollFreeCode(last3)) return true;
      run = 0;
    }
  }
  return false;
}

/** The North American toll-free codes: 800, 833, 844, 855, 866, 877, 888. */
function isTollFreeCode(code: number): boolean {
  return code === 800 || (code >= 833 && code <= 888 && (code - 800) % 11 === 0);
}
